# The libFuzzer targets as tests of `ctest --preset debug` (included by tests/CMakeLists.txt): each
# runs the inputs that made it fail before and its seed corpus, then fuzzes for a few seconds, so
# that a crash found once, its input added to fuzz/corpus/, stays found. The targets are the fuzz
# preset's (clang-19), built beside this build: `make test` builds them first.
set(BINOME_FUZZ_DIR ${PROJECT_SOURCE_DIR}/build/fuzz CACHE PATH "The fuzz preset's build folder, whose targets CTest runs briefly")
set(BINOME_FUZZ_TEST_SECONDS 4 CACHE STRING "How long CTest fuzzes each target, after its seed corpus")
foreach(target csv hr_extract matching_problem npy request)
  add_test(NAME fuzz_${target}
           COMMAND ${PROJECT_SOURCE_DIR}/fuzz/run.sh ${BINOME_FUZZ_DIR} ${target} ${BINOME_FUZZ_TEST_SECONDS} fresh)
  set_tests_properties(fuzz_${target} PROPERTIES TIMEOUT 180)
endforeach()
