# Sanitizer and fuzzing builds (a second build directory; see scripts/check-sanitizers.sh).
#   -DVKSIGNUP_SANITIZE=address,undefined   ASan + UBSan, every finding fatal
#   -DVKSIGNUP_FUZZ=ON                      libFuzzer targets in tests/fuzz (Clang only)
set(VKSIGNUP_SANITIZE "" CACHE STRING "Comma-separated sanitizers to build with (e.g. address,undefined)")
option(VKSIGNUP_FUZZ "Build the libFuzzer targets (needs Clang); otherwise they only replay their corpus" OFF)

if(VKSIGNUP_SANITIZE)
  add_compile_options(-fsanitize=${VKSIGNUP_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${VKSIGNUP_SANITIZE} -fno-sanitize-recover=all)
endif()

if(VKSIGNUP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "VKSIGNUP_FUZZ needs Clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  # Coverage feedback comes from the rules library only (tests/fuzz/CMakeLists.txt), so the other
  # tests in the same build run at plain sanitizer speed.
endif()
