// Reads an iCalendar feed on stdin with ical.js and prints each VEVENT's start and end as JSON:
// {uid: {start, end}}, a timed value as its UTC instant ("2014-04-05T15:00:00Z"), a date as itself.
// A TZID that the feed does not define is an error, not a floating time.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;

const calendar = new ICAL.Component(ICAL.parse(text));
const out = {};
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  const uid = vevent.getFirstPropertyValue("uid");
  const entry = {};
  for (const name of ["dtstart", "dtend"]) {
    const property = vevent.getFirstProperty(name);
    if (!property) continue;
    const time = property.getFirstValue();
    const key = name === "dtstart" ? "start" : "end";
    if (time.isDate) {
      entry[key] = time.toString().replaceAll("-", "");
      continue;
    }
    const tzid = property.getParameter("tzid");
    if (tzid && (!time.zone || time.zone.tzid !== tzid)) {
      throw new Error(`${uid}: TZID ${tzid} is not defined in the feed`);
    }
    entry[key] = new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
  }
  out[uid] = entry;
}
process.stdout.write(JSON.stringify(out));
