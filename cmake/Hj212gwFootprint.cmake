# Size flags for the hj212gw binary (issue 8: the board budget is a 4 MiB stripped binary and
# 8 MiB resident). Included from firmware/CMakeLists.txt; applies to optimised builds only
# (Release, MinSizeRel), so the dev preset (Debug, sanitizers) and fuzz preset are untouched.
#
# What is applied, and why (measured with board/footprint/measure; figures in board/README.md):
#   HJ212GW_OPTIMIZE (default -Os) on everything but the codec: the daemon spends its time
#       waiting on sockets, serial ports and fsync, so -O3's inlining and unrolling buy nothing
#       there while they double the text: -Os halves the binary and takes about 1.3 MiB off the
#       resident set (text pages faulted in).
#   The codec (hj212, the protocol/ library) keeps the build type's -O3 (HJ212GW_OPTIMIZE_HOT
#       may set another level): every byte from every device goes through its deframer and
#       parser, and at -Os those are 1.6-2.7x slower (bench_protocol), for a few KiB saved.
#   -ffunction-sections -fdata-sections + --gc-sections: every function and object in its own
#       section, so the linker drops what nothing references (unused code tables, CLI11 and
#       Asio paths the binary never takes).
#   --as-needed: no DT_NEEDED entry for a library nothing in the binary uses, so the loader
#       does not map it at every start.
# Stripping is the package's job (CPACK_STRIP_FILES): the build tree keeps its symbols.
#
# The flags go on the binary and on every static library it is linked from (the component
# libraries, the codec, the store, the simulators), found by walking its link libraries once
# the whole tree is configured: sections must be split when each object is compiled.
set(HJ212GW_OPTIMIZE "-Os" CACHE STRING
    "Optimisation flag of the hj212gw binary's code in optimised builds; empty keeps CMake's")
set(HJ212GW_OPTIMIZE_HOT "" CACHE STRING
    "Optimisation flag of the codec (hj212) in optimised builds; empty keeps CMake's (-O3)")
option(HJ212GW_GC_SECTIONS "Drop unreferenced functions and data from the hj212gw binary" ON)

function(hj212gw_footprint_collect target out)
  set(found ${${out}})
  if(NOT TARGET ${target})
    set(${out} ${found} PARENT_SCOPE)
    return()
  endif()
  get_target_property(real ${target} ALIASED_TARGET)
  if(real)
    set(target ${real})
  endif()
  get_target_property(imported ${target} IMPORTED)
  get_target_property(type ${target} TYPE)
  if(imported OR NOT type MATCHES "^(STATIC_LIBRARY|EXECUTABLE|OBJECT_LIBRARY)$"
     OR target IN_LIST found)
    set(${out} ${found} PARENT_SCOPE)
    return()
  endif()
  list(APPEND found ${target})
  get_target_property(deps ${target} LINK_LIBRARIES)
  if(deps)
    foreach(dep IN LISTS deps)
      hj212gw_footprint_collect(${dep} found)
    endforeach()
  endif()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

function(hj212gw_footprint_apply)
  if(NOT CMAKE_BUILD_TYPE MATCHES "^(Release|MinSizeRel)$" OR NOT TARGET hj212gw)
    return()
  endif()
  set(targets "")
  hj212gw_footprint_collect(hj212gw targets)
  foreach(t IN LISTS targets)
    # Target options come after CMake's -O3 on the command line, so they win.
    if(t STREQUAL "hj212")
      if(HJ212GW_OPTIMIZE_HOT)
        target_compile_options(${t} PRIVATE ${HJ212GW_OPTIMIZE_HOT})
      endif()
    elseif(HJ212GW_OPTIMIZE)
      target_compile_options(${t} PRIVATE ${HJ212GW_OPTIMIZE})
    endif()
    if(HJ212GW_GC_SECTIONS)
      target_compile_options(${t} PRIVATE -ffunction-sections -fdata-sections)
    endif()
  endforeach()
  if(HJ212GW_GC_SECTIONS)
    target_link_options(hj212gw PRIVATE LINKER:--gc-sections)
  endif()
  target_link_options(hj212gw PRIVATE LINKER:--as-needed)
  message(STATUS "hj212gw footprint: ${HJ212GW_OPTIMIZE} (codec: ${HJ212GW_OPTIMIZE_HOT}), "
                 "gc-sections ${HJ212GW_GC_SECTIONS}")
endfunction()

# Deferred to the end of the top-level directory: the simulators (board/) are added after
# firmware/ and link into the binary too.
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL hj212gw_footprint_apply)
