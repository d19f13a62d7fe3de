# Sources compiled on their own in a unity build (CREDENCE_UNITY_BUILD):
# each defines, in an anonymous namespace, a name with the same signature as
# another file of its target (kFormat, P, W, WriteSources, MakeRun, Rules,
# ...), which one merged translation unit cannot hold twice. Included from the
# top-level CMakeLists.txt once every target exists. Paths are root-relative;
# a test's property is set in tests/, where its program is defined.
set(credence_unity_alone
  core/eval/gold_items.cc
  core/report/markdown_report.cc
  core/report/text_report.cc
  tests/core/report/claimreview_test.cc
  tests/core/score/large_claim_test.cc
)
foreach(src IN LISTS credence_unity_alone)
  if(NOT EXISTS ${PROJECT_SOURCE_DIR}/${src})
    continue()
  endif()
  if(src MATCHES "^tests/")
    set(scope ${PROJECT_SOURCE_DIR}/tests)
  else()
    get_filename_component(scope ${PROJECT_SOURCE_DIR}/${src} DIRECTORY)
  endif()
  set_source_files_properties(${PROJECT_SOURCE_DIR}/${src} DIRECTORY ${scope}
    PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endforeach()
