/** The most points one series may have (its own module: the fan-out measurement, run by seeds and scripts, needs it without the schema). */
export const MAX_SERIES_POINTS = 1000;
