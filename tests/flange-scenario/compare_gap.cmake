# Reads flange.gap_spread_mm from two `tradexr run --json` results and fails unless the
# second (a wrong tightening order) is larger than the first (the expert).
foreach(which EXPERT OTHER)
  file(READ "${${which}}" text)
  string(JSON gap_${which} GET "${text}" state flange.gap_spread_mm)
endforeach()
message(STATUS "gap spread mm: expert ${gap_EXPERT}, other ${gap_OTHER}")
if(gap_OTHER GREATER gap_EXPERT)
  message(STATUS "the wrong order leaves a wider gap spread")
else()
  message(FATAL_ERROR "gap spread not larger for the wrong order: ${gap_OTHER} <= ${gap_EXPERT}")
endif()
