# Toolchain for 32-bit ARM boards with hardware floating point (arm-linux-gnueabihf, ARMv7),
# Debian's GCC 12 cross compiler.
# The compiler brings its own libc and libstdc++ (libc6-dev-armhf-cross,
# libstdc++-12-dev-armhf-cross). The project's other libraries come from a sysroot that
# cross/prepare-target armhf extracts from Debian's armhf packages into build/sysroot-armhf,
# because adding armhf to dpkg's architectures breaks apt-get update on our machines.
# That sysroot deliberately holds no libc or libstdc++ headers (they would shadow the
# compiler's own through -isystem), but does hold the armhf runtime libc and libstdc++ so
# that qemu can run the binaries from it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)

set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)

# GCC notes on 32-bit ARM that passing some structures by value changed ABI in GCC 7.1
# (-Wpsabi). Everything here is built by one GCC 12, so the note is noise; not a warning
# about our code, and it floods the build log around real errors.
set(CMAKE_CXX_FLAGS_INIT "-Wno-psabi")

# HJ212GW_ARMHF_SYSROOT in the environment overrides the default location. An environment
# variable rather than a cache entry because CMake re-reads this file for every try_compile,
# where cache entries are not visible.
if(DEFINED ENV{HJ212GW_ARMHF_SYSROOT})
  set(HJ212GW_SYSROOT "$ENV{HJ212GW_ARMHF_SYSROOT}")
else()
  get_filename_component(HJ212GW_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../build/sysroot-armhf"
                         ABSOLUTE)
endif()
if(NOT EXISTS "${HJ212GW_SYSROOT}/usr/include/sqlite3.h")
  message(FATAL_ERROR "no armhf sysroot at ${HJ212GW_SYSROOT}: run cross/prepare-target armhf")
endif()

# Packages and libraries only from the sysroot; programs from the host.
set(CMAKE_FIND_ROOT_PATH "${HJ212GW_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Imported targets name their libraries by full path, but the libraries those depend on
# (libfmt under libspdlog, liblzma under libsystemd, ...) are found by the linker alone,
# which does not know the sysroot.
set(_hj212gw_libdirs "${HJ212GW_SYSROOT}/usr/lib/arm-linux-gnueabihf:${HJ212GW_SYSROOT}/lib/arm-linux-gnueabihf")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,-rpath-link,${_hj212gw_libdirs}")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-Wl,-rpath-link,${_hj212gw_libdirs}")

# pkg-config (libsystemd) reads the sysroot's .pc files and prefixes their paths with it.
set(ENV{PKG_CONFIG_LIBDIR}
    "${HJ212GW_SYSROOT}/usr/lib/arm-linux-gnueabihf/pkgconfig:${HJ212GW_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${HJ212GW_SYSROOT}")

# Test binaries run under qemu-user with the sysroot as their root for the loader and the
# shared libraries. QEMU_LD_PREFIX (rather than -L) is set through env so that it is inherited
# by the processes a test spawns: with binfmt_misc registered, those children (the hj212gw
# binary) are started by the kernel through qemu too, and need the same prefix.
find_program(HJ212GW_QEMU_ARM NAMES qemu-arm-static qemu-arm REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR env "QEMU_LD_PREFIX=${HJ212GW_SYSROOT}" ${HJ212GW_QEMU_ARM})
