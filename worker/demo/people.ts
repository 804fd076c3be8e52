/** The demo cohort: one coordinator, eight mentors and twelve mentees spread over many time zones. */

export interface DemoPerson {
  email: string;
  name: string;
  pronouns: string;
  timeZone: string;
  languages: string[];
  goals: string[];
  expertise: string[];
  interests: string[];
  channels: string[];
  /** Weekly availability in the person's own zone: day 0 = Monday; start/end in minutes after midnight. */
  availability: { day: number; start: number; end: number }[];
  capacity: number;
  bio: string;
}

const h = (hours: number) => hours * 60;
/** The same evening window on several weekdays. */
const evenings = (days: number[], from: number, to: number) => days.map((day) => ({ day, start: h(from), end: h(to) }));

export const DEMO_COORDINATOR = {
  email: "coordinator@example.org",
  name: "Amara Okafor",
  timeZone: "Europe/Berlin",
};

/** A second coordinator of both demo programs (programs often have co-coordinators). */
export const DEMO_CO_COORDINATOR = {
  email: "cocoordinator@example.org",
  name: "Ben Carter",
  timeZone: "America/Chicago",
};

export const DEMO_MENTORS: DemoPerson[] = [
  { email: "mentor1@example.org", name: "Jonas Weber", pronouns: "he/him", timeZone: "Europe/Berlin", languages: ["english", "german"], goals: [], expertise: ["software engineering", "career change", "public speaking"], interests: ["cycling"], channels: ["video", "chat"], availability: evenings([0, 2], 18, 20), capacity: 2, bio: "Engineering manager in Berlin; moved from teaching into tech." },
  { email: "mentor2@example.org", name: "Priya Raman", pronouns: "she/her", timeZone: "Asia/Kolkata", languages: ["english", "hindi", "tamil"], goals: [], expertise: ["data science", "leadership", "negotiation"], interests: ["music"], channels: ["video", "phone"], availability: evenings([1, 3], 19, 21), capacity: 3, bio: "Leads a data team in Bengaluru." },
  { email: "mentor3@example.org", name: "Marcus Johnson", pronouns: "he/him", timeZone: "America/New_York", languages: ["english", "spanish"], goals: [], expertise: ["entrepreneurship", "fundraising", "product management"], interests: ["basketball"], channels: ["video", "in person"], availability: evenings([0, 3], 12, 14), capacity: 2, bio: "Two-time founder, now an angel investor." },
  { email: "mentor4@example.org", name: "Chloe Nguyen", pronouns: "she/her", timeZone: "Australia/Sydney", languages: ["english", "vietnamese"], goals: [], expertise: ["ux design", "research", "portfolio review"], interests: ["surfing"], channels: ["video", "chat"], availability: evenings([1, 4], 7, 9), capacity: 2, bio: "Design lead; reviews portfolios over breakfast." },
  { email: "mentor5@example.org", name: "Tunde Adeyemi", pronouns: "he/him", timeZone: "Africa/Lagos", languages: ["english", "yoruba", "french"], goals: [], expertise: ["software engineering", "cloud", "open source"], interests: ["chess"], channels: ["chat", "phone"], availability: evenings([0, 1, 2], 17, 19), capacity: 3, bio: "Maintains open-source infrastructure tools." },
  { email: "mentor6@example.org", name: "Sofia Rossi", pronouns: "she/her", timeZone: "Europe/Rome", languages: ["english", "italian"], goals: [], expertise: ["marketing", "writing", "public speaking"], interests: ["theatre"], channels: ["video"], availability: evenings([2, 4], 9, 11), capacity: 1, bio: "Brand strategist and conference speaker." },
  { email: "mentor7@example.org", name: "Diego Hernández", pronouns: "he/him", timeZone: "America/Mexico_City", languages: ["spanish", "english"], goals: [], expertise: ["product management", "leadership", "career change"], interests: ["football"], channels: ["video", "chat"], availability: evenings([1, 3], 18, 20), capacity: 2, bio: "Product director; mentors first-time managers." },
  { email: "mentor8@example.org", name: "Hannah Schmidt", pronouns: "she/her", timeZone: "Europe/Berlin", languages: ["german", "english"], goals: [], expertise: ["research", "academic writing", "data science"], interests: ["hiking"], channels: ["video", "in person"], availability: [{ day: 5, start: h(10), end: h(13) }], capacity: 2, bio: "Postdoc in computational biology." },
];

export const DEMO_MENTEES: DemoPerson[] = [
  { email: "mentee1@example.org", name: "Lena Fischer", pronouns: "she/her", timeZone: "Europe/Berlin", languages: ["german", "english"], goals: ["career change", "software engineering"], expertise: [], interests: ["climbing"], channels: ["video"], availability: evenings([0, 2], 18, 21), capacity: 0, bio: "Teacher learning to code." },
  { email: "mentee2@example.org", name: "Arjun Mehta", pronouns: "he/him", timeZone: "Asia/Kolkata", languages: ["english", "hindi"], goals: ["data science", "negotiation"], expertise: [], interests: ["cricket"], channels: ["video", "phone"], availability: evenings([1, 3], 19, 22), capacity: 0, bio: "Analyst aiming for a data science role." },
  { email: "mentee3@example.org", name: "Grace Kim", pronouns: "she/her", timeZone: "America/New_York", languages: ["english", "korean"], goals: ["entrepreneurship", "fundraising"], expertise: [], interests: ["baking"], channels: ["video"], availability: evenings([0, 3], 11, 14), capacity: 0, bio: "Building a food-tech startup." },
  { email: "mentee4@example.org", name: "Liam O'Brien", pronouns: "he/him", timeZone: "Australia/Sydney", languages: ["english"], goals: ["ux design", "portfolio review"], expertise: [], interests: ["photography"], channels: ["chat", "video"], availability: evenings([1, 4], 7, 10), capacity: 0, bio: "Graphic designer moving into UX." },
  { email: "mentee5@example.org", name: "Chiamaka Eze", pronouns: "she/her", timeZone: "Africa/Lagos", languages: ["english", "igbo"], goals: ["software engineering", "cloud"], expertise: [], interests: ["poetry"], channels: ["chat"], availability: evenings([0, 1], 17, 20), capacity: 0, bio: "Computer science graduate." },
  { email: "mentee6@example.org", name: "Mateo García", pronouns: "he/him", timeZone: "America/Mexico_City", languages: ["spanish"], goals: ["leadership", "product management"], expertise: [], interests: ["cooking"], channels: ["video"], availability: evenings([1, 3], 17, 20), capacity: 0, bio: "New team lead." },
  { email: "mentee7@example.org", name: "Yuki Tanaka", pronouns: "they/them", timeZone: "Asia/Tokyo", languages: ["japanese", "english"], goals: ["public speaking", "writing"], expertise: [], interests: ["anime"], channels: ["chat"], availability: evenings([2, 4], 16, 19), capacity: 0, bio: "Developer advocate in training." },
  { email: "mentee8@example.org", name: "Omar Haddad", pronouns: "he/him", timeZone: "Europe/London", languages: ["english", "arabic"], goals: ["entrepreneurship", "marketing"], expertise: [], interests: ["running"], channels: ["video", "in person"], availability: evenings([0, 2], 8, 10), capacity: 0, bio: "Runs a small online shop." },
  { email: "mentee9@example.org", name: "Ana Souza", pronouns: "she/her", timeZone: "America/Sao_Paulo", languages: ["portuguese", "english", "spanish"], goals: ["data science", "research"], expertise: [], interests: ["samba"], channels: ["video"], availability: [{ day: 5, start: h(6), end: h(9) }], capacity: 0, bio: "Master's student in statistics." },
  { email: "mentee10@example.org", name: "Kwame Mensah", pronouns: "he/him", timeZone: "Africa/Lagos", languages: ["english", "french"], goals: ["open source", "software engineering"], expertise: [], interests: ["drums"], channels: ["chat", "phone"], availability: evenings([0, 1, 2], 18, 20), capacity: 0, bio: "Self-taught developer." },
  { email: "mentee11@example.org", name: "Isla Campbell", pronouns: "", timeZone: "Australia/Sydney", languages: ["english"], goals: ["leadership", "career change"], expertise: [], interests: ["sailing"], channels: ["video"], availability: evenings([1, 3], 7, 9), capacity: 0, bio: "Nurse considering health-tech roles." },
  { email: "mentee12@example.org", name: "Rahul Verma", pronouns: "he/him", timeZone: "Asia/Kolkata", languages: ["hindi", "english"], goals: ["academic writing", "research"], expertise: [], interests: ["astronomy"], channels: ["video"], availability: [{ day: 5, start: h(14), end: h(17) }], capacity: 0, bio: "PhD student in physics." },
];

/**
 * The spring programs' cohort (worker/demo/seed-pairings.ts): people already in pairings at every stage, kept apart from
 * the mentors and mentees above so the autumn program's staged matching keeps all their free places.
 */
export const DEMO_SPRING_MENTORS: DemoPerson[] = [
  { email: "spring-mentor1@example.org", name: "Katrin Vogel", pronouns: "she/her", timeZone: "Europe/Berlin", languages: ["german", "english"], goals: [], expertise: ["engineering management", "leadership", "feedback"], interests: ["rowing"], channels: ["video", "chat"], availability: [{ day: 0, start: h(7.5), end: h(9) }, { day: 3, start: h(7.5), end: h(9) }], capacity: 2, bio: "Director of engineering at a Berlin mobility company; became a manager twelve years ago and still remembers the first month." },
  { email: "spring-mentor2@example.org", name: "Ravi Iyer", pronouns: "he/him", timeZone: "Asia/Kolkata", languages: ["english", "hindi", "malayalam"], goals: [], expertise: ["data analysis", "career change", "sql"], interests: ["badminton"], channels: ["video", "chat"], availability: [{ day: 5, start: h(16), end: h(19) }], capacity: 2, bio: "Analytics lead in Bengaluru; switched from civil engineering to data at 31." },
  { email: "spring-mentor3@example.org", name: "Wanjiru Kamau", pronouns: "she/her", timeZone: "Africa/Nairobi", languages: ["english", "swahili"], goals: [], expertise: ["software engineering", "promotion", "system design"], interests: ["running"], channels: ["video", "chat"], availability: evenings([1, 3], 18, 20), capacity: 2, bio: "Principal engineer at a Nairobi fintech; sits on its promotion panel." },
  { email: "spring-mentor4@example.org", name: "Daniel Cohen", pronouns: "he/him", timeZone: "America/New_York", languages: ["english", "hebrew"], goals: [], expertise: ["ux research", "portfolio review", "interviewing"], interests: ["jazz"], channels: ["video", "email"], availability: evenings([1, 3], 11, 13), capacity: 2, bio: "UX research manager; has hired researchers at three companies." },
  { email: "spring-mentor5@example.org", name: "Mei Lin", pronouns: "she/her", timeZone: "Asia/Singapore", languages: ["english", "mandarin"], goals: [], expertise: ["product management", "product discovery", "stakeholder management"], interests: ["bouldering"], channels: ["video", "chat"], availability: evenings([0, 2], 20, 22), capacity: 1, bio: "Group product manager in Singapore; was a support engineer before product." },
  { email: "spring-mentor6@example.org", name: "Lars Andersen", pronouns: "he/him", timeZone: "Europe/Stockholm", languages: ["swedish", "english"], goals: [], expertise: ["customer success", "negotiation", "sales"], interests: ["sailing"], channels: ["video", "phone"], availability: evenings([1, 2], 15, 17), capacity: 2, bio: "Runs customer success for a Nordic software company." },
  { email: "spring-mentor7@example.org", name: "Olivia Bennett", pronouns: "she/her", timeZone: "Europe/London", languages: ["english", "french"], goals: [], expertise: ["leadership", "first-time managers", "coaching"], interests: ["gardening"], channels: ["video", "chat"], availability: [{ day: 2, start: h(12), end: h(14) }], capacity: 3, bio: "Leadership coach and former head of operations; hosts the first-time managers' circle." },
];

export const DEMO_SPRING_MENTEES: DemoPerson[] = [
  { email: "spring-mentee1@example.org", name: "Mia Thompson", pronouns: "she/her", timeZone: "Australia/Sydney", languages: ["english"], goals: ["first management role", "leadership", "feedback"], expertise: [], interests: ["ocean swimming"], channels: ["video", "chat"], availability: [{ day: 0, start: h(17.5), end: h(19) }, { day: 3, start: h(17.5), end: h(19) }], capacity: 0, bio: "Just promoted from senior developer to lead a team of six at a Sydney health-tech startup." },
  { email: "spring-mentee2@example.org", name: "Camila Rocha", pronouns: "she/her", timeZone: "America/Sao_Paulo", languages: ["portuguese", "english", "spanish"], goals: ["career change", "data analysis", "sql"], expertise: [], interests: ["urban sketching"], channels: ["video", "chat"], availability: [{ day: 5, start: h(7.5), end: h(10) }], capacity: 0, bio: "Architect teaching herself SQL and Python to move into data analysis." },
  { email: "spring-mentee3@example.org", name: "Kofi Boateng", pronouns: "he/him", timeZone: "Africa/Accra", languages: ["english", "twi"], goals: ["promotion", "system design"], expertise: [], interests: ["football"], channels: ["video", "chat"], availability: evenings([1, 3], 15, 18), capacity: 0, bio: "Backend engineer working towards senior." },
  { email: "spring-mentee4@example.org", name: "Lucía Martín", pronouns: "she/her", timeZone: "Europe/Madrid", languages: ["spanish", "english"], goals: ["ux research", "career change", "interviewing"], expertise: [], interests: ["flamenco"], channels: ["video", "email"], availability: evenings([1, 3], 17, 19), capacity: 0, bio: "Market researcher moving into UX research." },
  { email: "spring-mentee5@example.org", name: "Hiroshi Sato", pronouns: "he/him", timeZone: "Asia/Tokyo", languages: ["japanese", "english"], goals: ["product management", "product discovery"], expertise: [], interests: ["photography"], channels: ["video", "chat"], availability: evenings([0, 2], 21, 23), capacity: 0, bio: "Support engineer who became an associate product manager this year." },
  { email: "spring-mentee6@example.org", name: "Noah Tremblay", pronouns: "he/him", timeZone: "America/Toronto", languages: ["english", "french"], goals: ["customer success", "negotiation"], expertise: [], interests: ["hockey"], channels: ["video", "phone"], availability: evenings([1, 2], 9, 11), capacity: 0, bio: "Account manager looking after the biggest customers for the first time." },
  { email: "spring-mentee7@example.org", name: "Layla Mansour", pronouns: "she/her", timeZone: "Asia/Dubai", languages: ["arabic", "english"], goals: ["ux research", "portfolio review"], expertise: [], interests: ["calligraphy"], channels: ["video", "email"], availability: evenings([1, 3], 19, 21), capacity: 0, bio: "Graphic designer curious about user research." },
  { email: "spring-mentee8@example.org", name: "Amani Njoroge", pronouns: "they/them", timeZone: "Africa/Nairobi", languages: ["english", "swahili"], goals: ["first management role", "leadership"], expertise: [], interests: ["choir"], channels: ["video", "chat"], availability: [{ day: 2, start: h(15), end: h(17) }], capacity: 0, bio: "New operations manager of a team of nine." },
  { email: "spring-mentee9@example.org", name: "Sunita Rao", pronouns: "she/her", timeZone: "Asia/Kolkata", languages: ["english", "kannada", "hindi"], goals: ["first management role", "delegation"], expertise: [], interests: ["carnatic music"], channels: ["video", "chat"], availability: [{ day: 2, start: h(17.5), end: h(19.5) }], capacity: 0, bio: "QA lead who now manages the testers she used to work beside." },
];
