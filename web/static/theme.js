// Runs before the app: sets the theme class from the saved choice (or the system's) so nothing flashes.
(function () {
	var choice = null;
	try {
		choice = localStorage.getItem('revenge-theme');
	} catch (e) {}
	var dark =
		choice === 'dark' ||
		(choice !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
	document.documentElement.classList.toggle('dark', dark);
})();
