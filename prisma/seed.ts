// Demo data: a DockerCon-like conference, its Mingle areas and tables, an organizer and ~50 attendees.
// Safe to run twice: existing records are kept, nothing is duplicated.
import { db } from "@/lib/db";
import { DEMO_ATTENDEE, DEMO_ORGANIZER, DEMO_PASSWORD, seedDemo } from "@/lib/testing/demo-data";

const report = await seedDemo(db);
console.log(`seed: conference ${report.conference}; ${report.usersCreated} user(s) created, ${report.usersKept} already there`);
console.log(`demo sign-ins (password "${DEMO_PASSWORD}"):`);
console.log(`  organizer  ${DEMO_ORGANIZER.email}`);
console.log(`  attendee   ${DEMO_ATTENDEE.email}`);
await db.$disconnect();
