// Vitest set-up: nothing global yet beyond jsdom.
