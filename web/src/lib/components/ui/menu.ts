/** Classes for bits-ui's DropdownMenu parts, in shadcn-svelte's look. */
export const menuContent =
	'z-50 min-w-44 overflow-hidden rounded-md border bg-popover p-1 text-popover-foreground shadow-md outline-none';
export const menuItem =
	'relative flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none select-none data-highlighted:bg-accent data-highlighted:text-accent-foreground data-disabled:pointer-events-none data-disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0';
export const menuHeading = 'px-2 py-1.5 text-xs font-semibold text-muted-foreground';
export const menuSeparator = '-mx-1 my-1 h-px bg-border';
