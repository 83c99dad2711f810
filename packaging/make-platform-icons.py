#!/usr/bin/env python3
"""Writes the Windows .ico and the macOS .icns from resources/icons/app.svg.

Both are committed (packaging/windows/vkcloud-signup.ico, packaging/macos/vkcloud-signup.icns)
because the build cannot run a Qt tool on every system before Qt's DLLs are deployed. Run this on
Linux after changing app.svg:  packaging/make-platform-icons.py build
(it renders PNGs with the build's vksignup-render-icon). Both formats hold PNG images.
"""
import pathlib
import struct
import subprocess
import sys
import tempfile

root = pathlib.Path(__file__).resolve().parent.parent
build = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "build")
tool = build / "packaging" / "vksignup-render-icon"
sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([str(tool), str(root / "resources/icons/app.svg"), tmp, "icon", *map(str, sizes)], check=True)
    png = {s: (pathlib.Path(tmp) / f"{s}x{s}/apps/icon.png").read_bytes() for s in sizes}

# ICO: a header, one directory entry per image (0 means 256), then the PNG data.
ico_sizes = [16, 24, 32, 48, 64, 128, 256]
offset = 6 + 16 * len(ico_sizes)
header = struct.pack("<HHH", 0, 1, len(ico_sizes))
entries, data = b"", b""
for s in ico_sizes:
    entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(png[s]), offset + len(data))
    data += png[s]
(root / "packaging/windows/vkcloud-signup.ico").write_bytes(header + entries + data)

# ICNS: big-endian chunks of type + length; these types hold PNG data.
icns_types = [(b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512),
              (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512)]
chunks = b"".join(t + struct.pack(">I", 8 + len(png[s])) + png[s] for t, s in icns_types)
(root / "packaging/macos/vkcloud-signup.icns").write_bytes(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)
