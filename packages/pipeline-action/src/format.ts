/** Human durations: "42 s", "3 min 05 s", "1 h 02 min". */
const formatDuration = (milliseconds: number): string => {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
};

/** Wall-clock time of day in UTC, as the runner's log timestamps are. */
const formatTime = (date: Date | undefined): string => (date === undefined ? '--:--:--' : date.toISOString().slice(11, 19));

const durationBetween = (start: Date | undefined, end: Date | undefined): number | undefined =>
  start === undefined || end === undefined ? undefined : end.getTime() - start.getTime();

export { durationBetween, formatDuration, formatTime };
