#!/usr/bin/env bash
# Checks the Debian libraries Qt needs (xcb/EGL/fonts/sound for the virtual keyboard) and installs
# them when we are root with apt-get; otherwise prints the exact command to run.
set -euo pipefail
PACKAGES=(
  libpulse0 libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxrender1 libxi6
  fonts-dejavu-core fonts-noto-core
  # The journeys (tests/journeys): a real X server, input events, the screen read back through
  # accessibility (Debian's python3 with pyatspi), screenshots.
  xvfb xauth xdotool imagemagick dbus dbus-x11 at-spi2-core python3-pyatspi
)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; make sure Qt 6's runtime libraries are installed"; exit 0; }
missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == *"install ok installed"* ]] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: Qt needs these Debian packages. Please run:"
  echo "  sudo apt-get install -y ${missing[*]}"
  exit 1
fi
