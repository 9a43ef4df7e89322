# Chromium: the dashboard tests drive Debian's browser through Playwright (which cannot download its own).
ensure_packages "command -v chromium" chromium
