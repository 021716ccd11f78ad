#!/usr/bin/env bash
# Makes the app's icon set from the one source image, source.svg. Run it after changing the
# source and commit the results (the build needs them; it does not run this).
# Needs Debian's imagemagick and icnsutils.
set -euo pipefail
cd "$(dirname "$0")"
render() { convert -background none -density 384 source.svg -resize "$1x$1" "PNG32:$2"; }
render 1024 icon.png
render 32 32x32.png
render 128 128x128.png
render 256 128x128@2x.png
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 16 24 32 48 64 256; do render "$s" "$tmp/$s.png"; done
convert "$tmp"/{16,24,32,48,64,256}.png icon.ico
for s in 16 32 128 256 512; do render "$s" "$tmp/icns-$s.png"; done
png2icns icon.icns "$tmp"/icns-{16,32,128,256,512}.png >/dev/null
