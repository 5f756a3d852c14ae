# txr_module(<name> [DEPS <module>...] [LIBS <target>...])
#
# Declares the library target txr_<name> from the .cpp files in runtime/<name>/ (recursively).
# Headers are included as "<module>/<file>.hpp" from the runtime/ root. The configure step fails
# when a file includes a header of a module that is not the module itself or one of its declared
# dependencies (direct or transitive), so the dependency graph stays one-way.
function(txr_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;LIBS" ${ARGN})
  set(dir ${PROJECT_SOURCE_DIR}/runtime/${name})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${dir}/*.cpp)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${dir}/*.hpp)
  add_library(txr_${name} STATIC ${sources} ${headers})
  target_include_directories(txr_${name} PUBLIC ${PROJECT_SOURCE_DIR}/runtime)
  target_compile_features(txr_${name} PUBLIC cxx_std_23)
  txr_set_warnings(txr_${name})
  foreach(dep IN LISTS ARG_DEPS)
    target_link_libraries(txr_${name} PUBLIC txr_${dep})
  endforeach()
  if(ARG_LIBS)
    target_link_libraries(txr_${name} PUBLIC ${ARG_LIBS})
  endif()

  # Allowed modules: itself plus the transitive closure of its declared dependencies.
  set(allowed ${name})
  foreach(dep IN LISTS ARG_DEPS)
    get_property(dep_allowed GLOBAL PROPERTY TXR_ALLOWED_${dep})
    list(APPEND allowed ${dep} ${dep_allowed})
  endforeach()
  list(REMOVE_DUPLICATES allowed)
  set_property(GLOBAL PROPERTY TXR_ALLOWED_${name} ${allowed})

  get_property(all_modules GLOBAL PROPERTY TXR_ALL_MODULES)
  set(known ${TXR_MODULE_ORDER})
  foreach(file IN LISTS sources headers)
    file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[a-z_]+/")
    foreach(line IN LISTS includes)
      string(REGEX MATCH "\"([a-z_]+)/" _ "${line}")
      set(target_module ${CMAKE_MATCH_1})
      if(target_module IN_LIST known AND NOT target_module IN_LIST allowed)
        file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${file})
        message(FATAL_ERROR
          "${rel}: module '${name}' includes a header of module '${target_module}', "
          "which is not among its dependencies (${allowed}). Dependencies point one way; "
          "see docs/architecture.md.")
      endif()
    endforeach()
  endforeach()
endfunction()

function(txr_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
  if(TXR_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# txr_test(<name> SOURCES ... LIBS ... [LABELS ...])
# A doctest executable whose cases are registered one by one with CTest.
function(txr_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE txr_test_main ${ARG_LIBS})
  txr_set_warnings(${name})
  target_compile_definitions(${name} PRIVATE TXR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  set(props)
  if(ARG_LABELS)
    set(props PROPERTIES LABELS "${ARG_LABELS}")
  endif()
  doctest_discover_tests(${name} ${props}
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}
    ADD_LABELS 0)
endfunction()
