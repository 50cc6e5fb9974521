# Toolchain for 64-bit ARM boards (aarch64-linux-gnu), Debian's GCC 12 cross compiler.
# The target's libraries come from Debian multiarch (cross/prepare-target aarch64 installs the
# :arm64 -dev packages), so they live in /usr/lib/aarch64-linux-gnu beside the host's and the
# cross compiler and linker already search there: no separate sysroot is needed.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Only the arm64 copies of packages and libraries may be found; programs (pkg-config,
# the emulator) are the host's. CMAKE_LIBRARY_ARCHITECTURE above keeps find_library and
# find_package in /usr/lib/aarch64-linux-gnu instead of the host's x86_64 directory.
set(CMAKE_FIND_ROOT_PATH /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config (libsystemd) must read the arm64 .pc files, never the host's.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# Test binaries run under qemu-user: ctest and gtest_discover_tests (at build time) prefix
# every run with the emulator. The arm64 loader and libraries are installed at their usual
# paths by multiarch, so qemu needs no -L.
find_program(HJ212GW_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR ${HJ212GW_QEMU_AARCH64})
