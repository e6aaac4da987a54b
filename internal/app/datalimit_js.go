package app

// dataLimit is the largest data file the browser fits: past it the page
// would hold the file, its summary and the fit in the tab's memory, and
// the command line is the better tool (fitted.TooLarge says which).
const dataLimit = 50 << 20
