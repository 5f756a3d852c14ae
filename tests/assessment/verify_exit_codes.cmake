# Checks `tradexr verify` exit codes: 0 valid, 2 incomplete, 4 unreadable.
foreach(pair "valid.txrrec;0" "incomplete.txrrec;2" "missing.txrrec;4")
  list(GET pair 0 file)
  list(GET pair 1 expected)
  execute_process(COMMAND ${TRADEXR} verify ${DIR}/${file} RESULT_VARIABLE code OUTPUT_VARIABLE out)
  if(NOT code EQUAL expected)
    message(FATAL_ERROR "tradexr verify ${file}: exit ${code}, expected ${expected}\n${out}")
  endif()
endforeach()
