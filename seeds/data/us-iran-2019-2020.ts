/**
 * U.S.–Iran escalation, December 2019 – January 2020.
 *
 * A structured encoding of one article: TIME, "Iran Vowed Retaliation After a U.S. Strike Killed a
 * Top Iranian General. Here’s a Timeline of Recent Escalations" (Josiah Bates, Madeleine Carlisle).
 * Every quote and every citation passage is copied verbatim from the article, typos included
 * ("Kahmeni", "Peolsi", "Javid Zarif", "Kark Vick", "rouge adventurism", "acts of terrors").
 * The article text carries no date or URL, so none is recorded.
 */
import type {
  Dataset,
  DatePrecision,
  SeedActor,
  SeedCasualty,
  SeedCitation,
  SeedCountry,
  SeedDate,
  SeedDeployment,
  SeedEvent,
  SeedEventLink,
  SeedFigure,
  SeedLocation,
  SeedQuote,
  SeedReaction,
  SeedSource,
} from '../types.js';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const SOURCE = 'time-timeline';

/** A citation of the TIME article; `attributedTo`/`attribution` only when the article credits someone. */
const cite = (passage: string, attributedTo: string | null = null, attribution: string | null = null): SeedCitation => ({
  source: SOURCE,
  passage,
  attributedTo,
  attribution,
});

const date = (on: string, precision: DatePrecision): SeedDate => ({ on, precision });
const day = (on: string): SeedDate => date(on, 'DAY');

/** The six days of the timeline (2019-12-30 was a Monday). */
const DEC_27 = day('2019-12-27'); // Friday
const DEC_29 = day('2019-12-29'); // Sunday
const DEC_30 = day('2019-12-30'); // Monday
const DEC_31 = day('2019-12-31'); // Tuesday
const JAN_1 = day('2020-01-01'); // Wednesday
const JAN_3 = day('2020-01-03'); // Friday

const exact = (n: number, wording: string): SeedFigure => ({ low: n, best: n, high: n, qualifier: 'EXACT', wording });
const approx = (n: number, wording: string): SeedFigure => ({ low: null, best: n, high: null, qualifier: 'APPROXIMATE', wording });
/** "more than N": the smallest whole number the wording allows. */
const moreThan = (n: number, wording: string): SeedFigure => ({ low: n + 1, best: null, high: null, qualifier: 'AT_LEAST', wording });
const unknown = (wording: string): SeedFigure => ({ low: null, best: null, high: null, qualifier: 'UNKNOWN', wording });

// Attribution wordings exactly as the article prints them.
const AP = 'associated-press';
const DOD = 'us-department-of-defense';

// ---------------------------------------------------------------------------------------------
// Passages (verbatim from the article; reused by several records)
// ---------------------------------------------------------------------------------------------

const P = {
  // Introduction
  introKilling:
    'Tensions between the United States and Iran skyrocketed Friday morning after Iran’s Gen. Qasem Soleimani — one of the most powerful figures in the country — was assassinated by a U.S. airstrike approved by President Donald Trump.',
  introReactions:
    'Iran’s Supreme Leader Ayatollah Ali Kahmeni has vowed “harsh retaliation,” and the U.S. government has urged its citizens to leave the Iraq “immediately” due to the threat of retaliatory attacks against them.',
  introEmbassy:
    'His assassination came after protesters and demonstrators stormed the U.S. Embassy compound in Baghdad on Tuesday, an attack which U.S. officials said was carried out by Iranian-backed militias.',
  introChant: 'The protesters reportedly shouted “Death to America” and planting flags for the Iran-backed militia groups.',
  intro750:
    'President Trump deployed roughly 750 U.S. soldiers to the area and condemned Iran for being “fully responsible” for the Embassy compound breach.',
  introDod:
    'In a statement confirming Soleimani’s assassination, the U.S. Department of Defense said the Iranian general “was actively developing plans to attack American diplomats and service members in Iraq and throughout the region,” and had approved the attack on the embassy, seeming to confirm he was killed in retaliation.',
  nuclearDeal:
    'After President Trump withdrew from the Obama-era Iran Nuclear Deal in 2018 and imposed harsh sanctions on the country, Iran has attacked oil tankers in the region, shot down a U.S. drone, and bombed key Saudi oil facilities.',
  embassyInResponse:
    'The Iranian-backed militias’ attack on the U.S. embassy earlier this week was reportedly in response to a series of U.S. airstrikes that killed 25 militia fighters on Sunday.',
  iraqProtests:
    'Since October, more than 450 people have been killed in mass protests criticizing the country’s poor quality of life and demanding new electoral laws and accountability for corruption.',
  resignation: 'In November, Adel Abdul-Mahdi announced he would resign as Prime Minister of the country after weeks of violent protests.',

  // Friday, Dec. 27
  contractorKilled:
    'A U.S. defense contractor was killed in an attack on an Iraqi military compound near Kirkuk, Iraq, according to the Associated Press.',
  injured:
    'The attack also injured four U.S. service members and two Iraqi Security Forces members, according to the Department of Defense.',
  usBlamed: 'The U.S. blamed the Iranian-backed militia for the assault.',
  denial: 'On Monday, the group denied responsibility for the Dec. 27 attack through a spokesperson, according to the New York Times.',

  // Sunday, Dec. 29
  strikes:
    'The U.S. conducts airstrikes on five sites of Kataeb Hezbollah, an Iran-backed militia, according to the Department of Defense.',
  retaliation: 'The U.S. indicated that the strikes were in retaliation for the rocket attack.',
  killed25: 'The attack killed 25 fighters, according to the Associated Press.',
  hoffman:
    '“The U.S. and its coalition partners fully respect Iraqi sovereignty, and support a strong and independent Iraq. The U.S., however, will not be deterred from exercising its right of self-defense,” Assistant to the Secretary of Defense Jonathan Hoffman said in a statement.',
  hoffmanDemand: 'He called on Iran and the militias to stop attacking U.S. and coalition forces.',
  flagrant:
    'The Iraqi government expressed outrage about the attack, calling it a “flagrant violation” of its sovereignty, according to AP.',

  // Monday, Dec. 30
  mourning:
    'Speaking to cabinet members, Prime Minister Adel Abdul-Mahdi declared three days of mourning for the people killed in the strikes, according to the Associated Press.',
  mourningFull:
    'Speaking to cabinet members, Prime Minister Adel Abdul-Mahdi declared three days of mourning for the people killed in the strikes, according to the Associated Press. He said that he had attempted to stop the U.S. airstrike, but the U.S. had insisted.',

  // Tuesday, Dec. 31
  breach: 'After a funeral for fighters killed in the airstrikes, protesters broke into the U.S. Embassy compound in Baghdad.',
  chants:
    'Protesters gathered outside the compound shouting “Death to America!” and “Death to Israel!” and started to throw water and stones over its walls.',
  checkpoint:
    'The Iraqi security forces didn’t try to stop the protesters, permitting them to pass a security checkpoint, according to the AP.',
  commanders: 'Commanders from militias that support Iran joined the protest outside the embassy, the AP reported.',
  esperForces:
    'After the breach, Secretary of Defense Mark T. Esper said in a statement that additional forces are being sent to support the embassy.',
  esperCallsOnIraq:
    'After the breach, Secretary of Defense Mark T. Esper said in a statement that additional forces are being sent to support the embassy. He also called on Iraq to help protect the facility.',
  esperQuote:
    '“As in all countries, we rely on host nation forces to assist in the protection of our personnel in country, and we call on the Government of Iraq to fulfill its international responsibilities to do so,” Esper said.',
  trumpBlamed: 'President Trump blamed Iran for the contractor’s death and the storming of the U.S. Embassy on Twitter.',
  trumpTweets:
    '“They will be held fully responsible,” Trump wrote. “In addition, we expect Iraq to use its forces to protect the Embassy, and so notified!”',
  grishamStatement:
    'White House press secretary Stephanie Grisham reaffirmed the President’s position in a statement to the Associated Press',
  grishamQuote:
    '“As the president said, Iran is orchestrating this attack and they will be held fully responsible,” Grisham said. “It will be the president’s choice how and when we respond to their escalation.”',
  safe: 'On Tuesday afternoon, President Trump declared on Twitter that the Embassy is “safe” and that U.S. personnel had rushed to the scene.',

  // Wednesday, January 1
  tearGas:
    'The protests picked up again on Wednesday, as demonstrators started a fire on the roof of the reception area. This prompted U.S. troops to fire tear gas at the crowd, according to the Associated Press and other outlets.',
  protestsPickedUp: 'The protests picked up again on Wednesday, as demonstrators started a fire on the roof of the reception area.',
  linedUp: 'Iraqi federal police, counterterrorism forces and soldiers lined up in between the protesters and the compound.',
  troopsOrdered:
    'President Donald Trump ordered more troops to be deployed to the Middle East as he asserted that Iran was “fully responsible” for the embassy attack. Approximately 750 troops are expected to be sent as a result of the embassy attack and another 3,000 could possibly be deployed in the next few days.',
  troopsExpected:
    'Approximately 750 troops are expected to be sent as a result of the embassy attack and another 3,000 could possibly be deployed in the next few days.',
  esperDeployment:
    '“This deployment is an appropriate and precautionary action taken in response to increased threat levels against U.S. personnel and facilities, such as we witnessed in Baghdad today,” Defense Secretary Mark Esper said in a written statement, according to the AP.',
  pmfCall:
    'On Wednesday, leaders in the Popular Mobilization Forces, an umbrella group of state-allied militias, called on demonstrators to end the protest after the Iraqi government asked them to do so, the AP reported.',
  messageReceived: 'The militia leaders made it clear to the protesters that “your message has been received.”',
  gezzi:
    '“After achieving the intended aim, we pulled out from this place triumphantly,” Fadhil al-Gezzi, a militia supporter, told the AP. “We rubbed America’s nose in the dirt.”',

  // Friday, January 3
  soleimaniKilled:
    'In a sharp escalation of the proxy attacks between the U.S. and Iran, Iranian Gen. Qasem Soleimani — the powerful head of Iran’s Quds Force of the Iranian Revolutionary Guards Corps — was assassinated by a U.S. airstrike early Friday morning, the Department of Defense confirmed in a statement.',
  soleimaniKilledNearAirport:
    'In a sharp escalation of the proxy attacks between the U.S. and Iran, Iranian Gen. Qasem Soleimani — the powerful head of Iran’s Quds Force of the Iranian Revolutionary Guards Corps — was assassinated by a U.S. airstrike early Friday morning, the Department of Defense confirmed in a statement. Soleimani was killed near Baghdad’s international airport.',
  militiaOfficials: 'Several officials from Iranian-backed Iraqi militias were also killed, according to The New York Times.',
  dodQuotes:
    '“General Soleimani was actively developing plans to attack American diplomats and service members in Iraq and throughout the region,” the Department of Defense said in a statement. “General Soleimani and his Quds Force were responsible for the deaths of hundreds of American and coalition service members and the wounding of thousands more.”',
  dodAdds:
    'The statement adds that Soleimani was behind attacks on U.S. coalition biases in Iraq for the past months, and approved the storming of the U.S. embassy.',
  leaveIraq:
    'The U.S. government has urged U.S. citizens to leave the Iraq “immediately” — either via plane via or via — due to the possibility of retaliation against Americans.',
  leaveIraqFull:
    'The U.S. government has urged U.S. citizens to leave the Iraq “immediately” — either via plane via or via — due to the possibility of retaliation against Americans. U.S. military facilities in the Middle East have heightened security.',
  moreTroops:
    'The U.S. is also sending around 3,000 more service members to the region, on top of the roughly 5,200 troops already in Iraq, according to the AP.',
  zarif:
    'Iran’s Foreign Minister Javid Zarif tweeted that the strike was an “act of international terrorism,” and said the move was an “extremely dangerous & foolish escalation,” adding that “the US bears responsibility for all consequences of its rouge adventurism.”',
  vick: 'As TIME’s Kark Vick reports, “Soleimani was a major public figure in Iran, a Major General in Iran’s Revolutionary Guards Corps, who was easily the most popular official in an Iranian government that generally is not.”',
  stateTv:
    'Iran state television suspended all programming following Soleimani’s death and displayed a photograph of him along with recitations from the Quran, signally a national tragedy.',
  khamenei:
    '“Soleimani was the international face of resistance,” Iran’s Supreme Leader Ayatollah Ali Khamenei said in a statement, “and all lovers of resistance will be his avengers.” He added that “harsh retaliation is waiting.”',
  khameneiMourning: 'Khamenei has ordered three days of public mourning, according to the AP.',
  ghaani:
    'According to Bloomberg, the semi-official Iranian Fars news agency reports that Soleimani’s deputy Esmail Ghaani has been named the new commander of Iran’s Quds Force.',
  swiss:
    'The AP reports that Iran has already summoned the Swiss charges d’affairs, who represents U.S. interests in Tehran — where there’s been no U.S. embassay since the revolution in the 1970s — to protest the assassination.',
  rouhani:
    'Iranian President Hassan Rouhani said the assassination was a “heinous crime” and promised his country would “take revenge,” according to the AP.',
  defendOnTwitter: 'But on Friday morning he took to Twitter to defend the killing.',
  trumpFridayTweets:
    '“General Qassem Soleimani has killed or badly wounded thousands of Americans over an extended period of time, and was plotting to kill many more…but got caught!,” he wrote. “He was directly and indirectly responsible for the death of millions of people, including the recent large number… of PROTESTERS killed in Iran itself.”',
  trumpRemarks:
    'Speaking to reporters Friday afternoon, President Trump said that the assassination of Soleimani was to “stop a war.” “We did not take action to start a war,” he continued. The President added that, “Soleimani has been perpetrating acts of terrors to destabilize the Middle East for the last 20 years. What the United States did yesterday should have been done long ago.”',
  pelosiCondemns:
    'In a statement, Speaker of the House Nancy Pelosi condemned the strike, saying it risks “provoking further dangerous escalation of violence.”',
  pelosiDemands:
    'She added that the strike was carried out without an Authorization of Use of Military Force or consultation of Congress, and demanded that “the full Congress… be immediately briefed on this serious situation and on the next steps under consideration by the Administration, including the significant escalation of the deployment of additional troops to the region.”',
  pompeo: 'U.S. Secretary of State Mike Pompeo tweeted Friday morning that the “U.S. remains committed to de-escalation.”',
  europeanAllies: 'The U.S.’s European allies have supported the move but urged restraint from both parties.',
  perrigo:
    'The U.S.’s most powerful allies in the Middle East — Israel and Saudi Arabia — meanwhile, may “capitalize on the blow to their joint adversary Iran,” TIME’s Billy Perrigo reports.',
  netanyahu:
    'Israeli Prime Minister Benjamin Netanyahu returned from a planned trip to Greece after the strike. “President Trump deserves all the credit for acting swiftly, forcefully and decisively,” Netanyahu told reporters before boarding a plane back to Jerusalem. “Israel stands with the United States in its righteous struggle for peace, security and self-defense.”',
  abdulMahdiAggression: 'According the AP, Iraqi Prime Minister Adel Abdul-Mahdi said the assassination was an “aggression against Iraq.”',
  oilWorkers: 'Per Aljazeera, dozens of U.S. oil workers are reportedly leaving the country today.',
  tehran:
    'The AP reports thousands of protestors swarmed the streets of Tehran after the Friday Muslim prayers, chanting “Death to deceitful America.”',
} as const;

// ---------------------------------------------------------------------------------------------
// Countries and source
// ---------------------------------------------------------------------------------------------

const countries: SeedCountry[] = [
  { code: 'US', name: 'United States' },
  { code: 'IR', name: 'Iran' },
  { code: 'IQ', name: 'Iraq' },
  { code: 'IL', name: 'Israel' },
  { code: 'SA', name: 'Saudi Arabia' },
  { code: 'LB', name: 'Lebanon' },
  { code: 'GR', name: 'Greece' },
  { code: 'CH', name: 'Switzerland' },
  { code: 'QA', name: 'Qatar' },
];

const sources: SeedSource[] = [
  {
    key: SOURCE,
    outlet: 'TIME',
    title: 'Iran Vowed Retaliation After a U.S. Strike Killed a Top Iranian General. Here’s a Timeline of Recent Escalations',
    url: null,
    authors: ['Josiah Bates', 'Madeleine Carlisle'],
    publishedOn: null,
    updatedOn: null,
  },
];

// ---------------------------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------------------------

const person = (
  key: string,
  name: string,
  aliases: string[],
  country: string | null,
  title: string | null,
  description: string | null,
): SeedActor => ({ key, name, aliases, kind: 'PERSON', country, title, parent: null, description });

const actors: SeedActor[] = [
  // --- People: United States
  person(
    'donald-trump',
    'Donald Trump',
    ['President Donald Trump', 'President Trump', 'Trump'],
    'US',
    'President',
    'President of the United States; approved the airstrike that killed Soleimani.',
  ),
  person('nancy-pelosi', 'Nancy Pelosi', ['Nancy Peolsi', 'Peolsi', 'Pelosi'], 'US', 'Speaker of the House', null),
  person('mike-pompeo', 'Mike Pompeo', [], 'US', 'Secretary of State', 'U.S. Secretary of State.'),
  person('mark-esper', 'Mark Esper', ['Mark T. Esper', 'Esper'], 'US', 'Secretary of Defense', null),
  person('jonathan-hoffman', 'Jonathan Hoffman', [], 'US', 'Assistant to the Secretary of Defense', null),
  person('stephanie-grisham', 'Stephanie Grisham', ['Grisham'], 'US', 'White House press secretary', null),
  person('barack-obama', 'Barack Obama', [], 'US', null, 'Mentioned only in “the Obama-era Iran Nuclear Deal”.'),

  // --- People: Iran
  person(
    'qasem-soleimani',
    'Qasem Soleimani',
    ['Qassem Soleimani', 'Soleimani', 'General Soleimani', 'Gen. Qasem Soleimani'],
    'IR',
    'Commander of the Quds Force',
    'Head of Iran’s elite Quds Force and a Major General in the Revolutionary Guards Corps; the 62-year-old orchestrator and public face of Iran’s regional maneuvering for decades. Included in TIME’s 2017 list of the 100 most influential people. His network of allies is vast, heavily armed and stretches throughout the Middle East, the AP reports.',
  ),
  person(
    'ali-khamenei',
    'Ali Khamenei',
    ['Ayatollah Ali Kahmeni', 'Kahmeni', 'Ayatollah Ali Khamenei', 'Khamenei'],
    'IR',
    'Supreme Leader',
    'Iran’s Supreme Leader.',
  ),
  person(
    'javad-zarif',
    'Mohammad Javad Zarif',
    ['Javid Zarif', 'Zarif', 'Javad Zarif'],
    'IR',
    'Foreign Minister',
    'Iran’s Foreign Minister.',
  ),
  person('hassan-rouhani', 'Hassan Rouhani', ['Rouhani'], 'IR', 'President', 'Iranian President.'),
  person(
    'esmail-ghaani',
    'Esmail Qaani',
    ['Esmail Ghaani'],
    'IR',
    'Commander of the Quds Force',
    'Soleimani’s deputy; named the new commander of Iran’s Quds Force after Soleimani’s death, per the Fars news agency as reported by Bloomberg.',
  ),

  // --- People: Iraq, Israel and others
  person(
    'adel-abdul-mahdi',
    'Adel Abdul-Mahdi',
    [],
    'IQ',
    'Prime Minister',
    'Prime Minister of Iraq; announced in November 2019 that he would resign after weeks of violent protests.',
  ),
  person('fadhil-al-gezzi', 'Fadhil al-Gezzi', [], 'IQ', null, 'A militia supporter at the Baghdad embassy protest.'),
  person('benjamin-netanyahu', 'Benjamin Netanyahu', ['Netanyahu'], 'IL', 'Prime Minister', 'Israeli Prime Minister.'),
  person(
    'abu-bakr-al-baghdadi',
    'Abu Bakr al-Baghdadi',
    [],
    null,
    'ISIS leader',
    'ISIS leader killed by U.S. forces; mentioned for comparison.',
  ),
  person(
    'swiss-charge-daffaires',
    'Swiss chargé d’affaires',
    ['Swiss charges d’affairs'],
    'CH',
    'Chargé d’affaires',
    'Swiss diplomat who represents U.S. interests in Tehran, where there has been no U.S. embassy since the revolution in the 1970s.',
  ),

  // --- People: journalists
  person('josiah-bates', 'Josiah Bates', [], 'US', null, 'TIME writer; co-author of the article.'),
  person('madeleine-carlisle', 'Madeleine Carlisle', [], 'US', null, 'TIME writer; co-author of the article.'),
  person('karl-vick', 'Karl Vick', ['Kark Vick'], 'US', null, 'TIME journalist.'),
  person('billy-perrigo', 'Billy Perrigo', [], null, null, 'TIME journalist.'),

  // --- Governments and state bodies
  {
    key: 'us-government',
    name: 'United States government',
    aliases: ['U.S. government', 'U.S.', 'United States', 'U.S. officials', 'Administration'],
    kind: 'GOVERNMENT',
    country: 'US',
    title: null,
    parent: null,
    description: null,
  },
  {
    key: 'white-house',
    name: 'White House',
    aliases: [],
    kind: 'GOVERNMENT',
    country: 'US',
    title: null,
    parent: 'us-government',
    description: null,
  },
  {
    key: 'us-congress',
    name: 'U.S. Congress',
    aliases: ['Congress'],
    kind: 'GOVERNMENT',
    country: 'US',
    title: null,
    parent: 'us-government',
    description: null,
  },
  {
    key: 'us-department-of-defense',
    name: 'U.S. Department of Defense',
    aliases: ['Department of Defense'],
    kind: 'GOVERNMENT',
    country: 'US',
    title: null,
    parent: 'us-government',
    description: null,
  },
  {
    key: 'iranian-government',
    name: 'Government of Iran',
    aliases: ['Iran', 'Iranian government'],
    kind: 'GOVERNMENT',
    country: 'IR',
    title: null,
    parent: null,
    description: null,
  },
  {
    key: 'iraqi-government',
    name: 'Government of Iraq',
    aliases: ['Iraqi government', 'Iraq'],
    kind: 'GOVERNMENT',
    country: 'IQ',
    title: null,
    parent: null,
    description: null,
  },
  {
    key: 'israeli-government',
    name: 'Government of Israel',
    aliases: ['Israel'],
    kind: 'GOVERNMENT',
    country: 'IL',
    title: null,
    parent: null,
    description: null,
  },
  {
    key: 'saudi-government',
    name: 'Government of Saudi Arabia',
    aliases: ['Saudi Arabia'],
    kind: 'GOVERNMENT',
    country: 'SA',
    title: null,
    parent: null,
    description: null,
  },

  // --- Armed forces
  {
    key: 'us-military',
    name: 'U.S. military',
    aliases: ['U.S. forces', 'U.S. troops'],
    kind: 'MILITARY',
    country: 'US',
    title: null,
    parent: 'us-department-of-defense',
    description: null,
  },
  {
    key: 'us-led-coalition',
    name: 'U.S.-led coalition',
    aliases: ['coalition partners', 'coalition forces', 'U.S. coalition'],
    kind: 'MILITARY',
    country: null,
    title: null,
    parent: null,
    description: 'The U.S. and its coalition partners in Iraq.',
  },
  {
    key: 'irgc',
    name: 'Islamic Revolutionary Guard Corps',
    aliases: [
      'Iranian Revolutionary Guard Corps',
      'Iranian Revolutionary Guards Corps',
      'Revolutionary Guards Corps',
      'Revolutionary Guards',
    ],
    kind: 'MILITARY',
    country: 'IR',
    title: null,
    parent: 'iranian-government',
    description: null,
  },
  {
    key: 'quds-force',
    name: 'Quds Force',
    aliases: [],
    kind: 'MILITARY',
    country: 'IR',
    title: null,
    parent: 'irgc',
    description:
      'Iran’s elite Quds Force, the foreign arm of the Iranian Revolutionary Guard Corps that backs proxy militias throughout the Middle East — including in Iraq.',
  },
  {
    key: 'iraqi-security-forces',
    name: 'Iraqi Security Forces',
    aliases: ['Iraqi security forces'],
    kind: 'MILITARY',
    country: 'IQ',
    title: null,
    parent: 'iraqi-government',
    description: null,
  },
  {
    key: 'iraqi-federal-police',
    name: 'Iraqi federal police',
    aliases: [],
    kind: 'MILITARY',
    country: 'IQ',
    title: null,
    parent: 'iraqi-security-forces',
    description: null,
  },
  {
    key: 'iraqi-counterterrorism-forces',
    name: 'Iraqi counterterrorism forces',
    aliases: ['counterterrorism forces'],
    kind: 'MILITARY',
    country: 'IQ',
    title: null,
    parent: 'iraqi-security-forces',
    description: null,
  },

  // --- Militias and armed groups
  {
    key: 'popular-mobilization-forces',
    name: 'Popular Mobilization Forces',
    aliases: [],
    kind: 'MILITIA',
    country: 'IQ',
    title: null,
    parent: null,
    description: 'An umbrella group of state-allied militias.',
  },
  {
    key: 'kataeb-hezbollah',
    name: 'Kataeb Hezbollah',
    aliases: ["Kata'ib Hezbollah"],
    kind: 'MILITIA',
    country: 'IQ',
    title: null,
    parent: 'popular-mobilization-forces',
    description: 'An Iran-backed militia.',
  },
  {
    key: 'iran-backed-militias',
    name: 'Iran-backed militias',
    aliases: [
      'Iranian-backed militias',
      'Iranian-backed militia',
      'Iran-backed militia groups',
      'Iranian-backed Iraqi militias',
      'militias that support Iran',
    ],
    kind: 'GROUP',
    country: 'IQ',
    title: null,
    parent: null,
    description: 'Iranian-backed militias in Iraq, which U.S. officials said carried out the attack on the U.S. Embassy compound.',
  },
  {
    key: 'militia-commanders',
    name: 'Commanders from militias that support Iran',
    aliases: [],
    kind: 'GROUP',
    country: 'IQ',
    title: null,
    parent: 'iran-backed-militias',
    description: 'Joined the protest outside the U.S. embassy in Baghdad.',
  },
  {
    key: 'hezbollah',
    name: 'Hezbollah',
    aliases: [],
    kind: 'MILITIA',
    country: 'LB',
    title: null,
    parent: null,
    description: 'Iran’s proxy Hezbollah, which has over 100,000 rockets in Israel’s neighbor Lebanon.',
  },
  {
    key: 'isis',
    name: 'Islamic State',
    aliases: ['ISIS'],
    kind: 'ORGANIZATION',
    country: null,
    title: null,
    parent: null,
    description: null,
  },

  // --- Crowds and other groups
  {
    key: 'embassy-protesters',
    name: 'Baghdad embassy protesters',
    aliases: ['protesters', 'demonstrators'],
    kind: 'GROUP',
    country: 'IQ',
    title: null,
    parent: null,
    description: 'Protesters and demonstrators who stormed the U.S. Embassy compound in Baghdad; many were wearing militia uniforms.',
  },
  {
    key: 'tehran-protesters',
    name: 'Tehran protesters',
    aliases: ['protestors'],
    kind: 'GROUP',
    country: 'IR',
    title: null,
    parent: null,
    description: 'Thousands of protestors who swarmed the streets of Tehran after the Friday Muslim prayers on Jan. 3, 2020.',
  },
  {
    key: 'iraqi-protesters',
    name: 'Iraqi protesters',
    aliases: [],
    kind: 'GROUP',
    country: 'IQ',
    title: null,
    parent: null,
    description:
      'Mass protests since October 2019 criticizing the country’s poor quality of life and demanding new electoral laws and accountability for corruption.',
  },
  {
    key: 'european-allies',
    name: 'European allies',
    aliases: [],
    kind: 'GROUP',
    country: null,
    title: null,
    parent: null,
    description: 'The U.S.’s European allies.',
  },
  {
    key: 'us-oil-workers',
    name: 'U.S. oil workers',
    aliases: [],
    kind: 'GROUP',
    country: 'US',
    title: null,
    parent: null,
    description: null,
  },

  // --- Media
  {
    key: 'associated-press',
    name: 'Associated Press',
    aliases: ['AP', 'the AP'],
    kind: 'MEDIA',
    country: 'US',
    title: null,
    parent: null,
    description: null,
  },
  {
    key: 'new-york-times',
    name: 'The New York Times',
    aliases: ['New York Times'],
    kind: 'MEDIA',
    country: 'US',
    title: null,
    parent: null,
    description: null,
  },
  {
    key: 'time-magazine',
    name: 'TIME',
    aliases: [],
    kind: 'MEDIA',
    country: 'US',
    title: null,
    parent: null,
    description: 'Publisher of the article.',
  },
  { key: 'bloomberg', name: 'Bloomberg', aliases: [], kind: 'MEDIA', country: 'US', title: null, parent: null, description: null },
  {
    key: 'fars-news-agency',
    name: 'Fars News Agency',
    aliases: ['Fars news agency'],
    kind: 'MEDIA',
    country: 'IR',
    title: null,
    parent: null,
    description: 'The semi-official Iranian Fars news agency.',
  },
  {
    key: 'al-jazeera',
    name: 'Al Jazeera',
    aliases: ['Aljazeera'],
    kind: 'MEDIA',
    country: 'QA',
    title: null,
    parent: null,
    description: null,
  },
  {
    key: 'iranian-state-television',
    name: 'Iranian state television',
    aliases: ['Iran state television'],
    kind: 'MEDIA',
    country: 'IR',
    title: null,
    parent: 'iranian-government',
    description: null,
  },
];

// ---------------------------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------------------------

const locations: SeedLocation[] = [
  // The article does not name the base; coordinates are those of the K-1 air base near Kirkuk.
  { key: 'kirkuk-military-compound', name: 'Iraqi military compound near Kirkuk', countries: ['IQ'], latitude: 35.52, longitude: 44.28 },
  // The article names no place for the five sites, but puts the strikes in Iraq: the U.S. "fully respect[s] Iraqi
  // sovereignty" and Iraq calls them a "flagrant violation" of its sovereignty. It never mentions Syria.
  { key: 'kataeb-hezbollah-sites', name: 'Five Kataeb Hezbollah sites', countries: ['IQ'], latitude: null, longitude: null },
  { key: 'us-embassy-baghdad', name: 'U.S. Embassy compound, Baghdad', countries: ['IQ'], latitude: 33.2989, longitude: 44.3953 },
  { key: 'baghdad-international-airport', name: 'Baghdad International Airport', countries: ['IQ'], latitude: 33.2625, longitude: 44.2346 },
  { key: 'tehran', name: 'Tehran', countries: ['IR'], latitude: 35.6892, longitude: 51.389 },
  { key: 'iraq', name: 'Iraq', countries: ['IQ'], latitude: null, longitude: null },
  { key: 'middle-east', name: 'Middle East', countries: [], latitude: null, longitude: null },
  { key: 'saudi-oil-facilities', name: 'Key Saudi oil facilities', countries: ['SA'], latitude: null, longitude: null },
];

// ---------------------------------------------------------------------------------------------
// Events: the six timeline days, then background
// ---------------------------------------------------------------------------------------------

const events: SeedEvent[] = [
  {
    key: 'dec-27-rocket-attack',
    title: 'U.S. defense contractor killed in rocket attack in Iraq',
    summary:
      'A U.S. defense contractor was killed in a rocket attack on an Iraqi military compound near Kirkuk, Iraq (according to the Associated Press); the attack also injured four U.S. service members and two Iraqi Security Forces members (according to the Department of Defense). As many as 30 rockets were fired in the attack. The U.S. blamed the Iranian-backed militia for the assault; on Monday, Dec. 30, the group denied responsibility through a spokesperson, according to the New York Times. Several other similar attacks have occurred over the past few months, according to AP.',
    kind: 'ROCKET_ATTACK',
    occurred: DEC_27,
    location: 'kirkuk-military-compound',
    timeline: true,
    actors: [
      { actor: 'iran-backed-militias', role: 'BLAMED', citation: cite(P.usBlamed, 'us-government', 'The U.S. blamed') },
      { actor: 'us-military', role: 'TARGET', citation: cite(P.injured, DOD, 'according to the Department of Defense') },
      { actor: 'iraqi-security-forces', role: 'TARGET', citation: cite(P.injured, DOD, 'according to the Department of Defense') },
    ],
    citation: cite(P.contractorKilled, AP, 'according to the Associated Press'),
  },
  {
    key: 'dec-29-us-airstrikes',
    title: 'U.S. strikes kill 25 militia members',
    summary:
      'The U.S. conducted airstrikes on five sites of Kataeb Hezbollah, an Iran-backed militia (according to the Department of Defense), and indicated that the strikes were in retaliation for the Dec. 27 rocket attack. The strikes killed 25 fighters, according to the Associated Press. Assistant to the Secretary of Defense Jonathan Hoffman invoked the U.S. right of self-defense and called on Iran and the militias to stop attacking U.S. and coalition forces. The Iraqi government expressed outrage, calling the attack a “flagrant violation” of its sovereignty, according to AP.',
    kind: 'AIRSTRIKE',
    occurred: DEC_29,
    location: 'kataeb-hezbollah-sites',
    timeline: true,
    actors: [
      { actor: 'us-military', role: 'PERPETRATOR', citation: cite(P.strikes, DOD, 'according to the Department of Defense') },
      { actor: 'kataeb-hezbollah', role: 'TARGET', citation: cite(P.strikes, DOD, 'according to the Department of Defense') },
    ],
    citation: cite(P.strikes, DOD, 'according to the Department of Defense'),
  },
  {
    key: 'dec-30-iraq-outrage',
    title: 'Iraq expresses outrage after airstrike',
    summary:
      'Speaking to cabinet members, Iraqi Prime Minister Adel Abdul-Mahdi declared three days of mourning for the people killed in the U.S. strikes, according to the Associated Press. He said he had attempted to stop the U.S. airstrike, but the U.S. had insisted.',
    kind: 'MOURNING',
    occurred: DEC_30,
    location: 'iraq',
    timeline: true,
    actors: [{ actor: 'adel-abdul-mahdi', role: 'PARTICIPANT', citation: cite(P.mourning, AP, 'according to the Associated Press') }],
    citation: cite(P.mourningFull, AP, 'according to the Associated Press'),
  },
  {
    key: 'dec-31-embassy-breach',
    title: 'Protesters break into the U.S. Embassy compound',
    summary:
      'After a funeral for fighters killed in the airstrikes, protesters broke into the U.S. Embassy compound in Baghdad, reportedly in response to the Dec. 29 U.S. airstrikes; U.S. officials said the attack was carried out by Iranian-backed militias. Protesters shouting “Death to America!” and “Death to Israel!” threw water and stones over the walls, smashed through a main door, set a reception area on fire, covered the embassy wall with militia flags and anti-U.S. graffiti and planted flags above the reception area (according to the Associated Press); many wore militia uniforms. The Iraqi security forces did not try to stop them and let them pass a security checkpoint, and commanders from militias that support Iran joined the protest, the AP reported. Secretary of Defense Mark T. Esper said additional forces were being sent to support the embassy; President Trump blamed Iran on Twitter and later declared the Embassy “safe”.',
    kind: 'EMBASSY_BREACH',
    occurred: DEC_31,
    location: 'us-embassy-baghdad',
    timeline: true,
    actors: [
      { actor: 'embassy-protesters', role: 'PERPETRATOR', citation: cite(P.breach) },
      { actor: 'iran-backed-militias', role: 'BLAMED', citation: cite(P.introEmbassy, 'us-government', 'U.S. officials said') },
      { actor: 'iranian-government', role: 'BLAMED', citation: cite(P.trumpBlamed, 'donald-trump', 'President Trump blamed Iran') },
      { actor: 'qasem-soleimani', role: 'BLAMED', citation: cite(P.dodAdds, DOD, 'The statement adds') },
      { actor: 'militia-commanders', role: 'PARTICIPANT', citation: cite(P.commanders, AP, 'the AP reported') },
      { actor: 'iraqi-security-forces', role: 'WITNESS', citation: cite(P.checkpoint, AP, 'according to the AP') },
      { actor: 'us-government', role: 'TARGET', citation: cite(P.breach) },
    ],
    citation: cite(P.breach),
  },
  {
    key: 'jan-1-tear-gas-protest-ends',
    title: 'U.S. troops use tear gas and protestors called off',
    summary:
      'The protests at the U.S. Embassy compound picked up again on Wednesday as demonstrators started a fire on the roof of the reception area, prompting U.S. troops to fire tear gas at the crowd (according to the Associated Press and other outlets). Iraqi federal police, counterterrorism forces and soldiers lined up between the protesters and the compound; there were no reports of conflict between Iraqi officials and the protesters. Leaders in the Popular Mobilization Forces, an umbrella group of state-allied militias, called on demonstrators to end the protest after the Iraqi government asked them to do so, the AP reported; many of the tents were taken down and the protesters moved away from the Embassy. The same day President Trump ordered more troops to the Middle East: approximately 750 are expected to be sent and another 3,000 could possibly be deployed in the next few days.',
    kind: 'PROTEST',
    occurred: JAN_1,
    location: 'us-embassy-baghdad',
    timeline: true,
    actors: [
      { actor: 'embassy-protesters', role: 'PARTICIPANT', citation: cite(P.protestsPickedUp) },
      { actor: 'us-military', role: 'PARTICIPANT', citation: cite(P.tearGas, AP, 'according to the Associated Press and other outlets') },
      { actor: 'iraqi-federal-police', role: 'PARTICIPANT', citation: cite(P.linedUp) },
      { actor: 'iraqi-counterterrorism-forces', role: 'PARTICIPANT', citation: cite(P.linedUp) },
      { actor: 'iraqi-security-forces', role: 'PARTICIPANT', citation: cite(P.linedUp) },
      { actor: 'popular-mobilization-forces', role: 'PARTICIPANT', citation: cite(P.pmfCall, AP, 'the AP reported') },
    ],
    citation: cite(P.tearGas, AP, 'according to the Associated Press and other outlets'),
  },
  {
    key: 'jan-3-soleimani-killed',
    title: 'Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike',
    summary:
      'Early Friday morning a U.S. airstrike approved by President Donald Trump killed Iranian Gen. Qasem Soleimani, head of Iran’s Quds Force of the Iranian Revolutionary Guards Corps, near Baghdad’s international airport, the Department of Defense confirmed in a statement. Several officials from Iranian-backed Iraqi militias were also killed, according to The New York Times. The Department of Defense said Soleimani was actively developing plans to attack American diplomats and service members and had approved the storming of the U.S. embassy, seeming to confirm he was killed in retaliation. The U.S. urged its citizens to leave Iraq “immediately”, U.S. military facilities in the Middle East heightened security, and the U.S. is sending around 3,000 more service members to the region (according to the AP). The attack may also impact the U.S. relationship with the government of Iraq, which is allied with both nations. Oil prices have reportedly surged since the attack; per Aljazeera, dozens of U.S. oil workers are reportedly leaving the country.',
    kind: 'TARGETED_KILLING',
    occurred: JAN_3,
    location: 'baghdad-international-airport',
    timeline: true,
    actors: [
      { actor: 'donald-trump', role: 'AUTHORIZER', citation: cite(P.introKilling) },
      {
        actor: 'us-military',
        role: 'PERPETRATOR',
        citation: cite(P.soleimaniKilled, DOD, 'the Department of Defense confirmed in a statement'),
      },
      {
        actor: 'qasem-soleimani',
        role: 'TARGET',
        citation: cite(P.soleimaniKilled, DOD, 'the Department of Defense confirmed in a statement'),
      },
      {
        actor: 'iran-backed-militias',
        role: 'VICTIM',
        citation: cite(P.militiaOfficials, 'new-york-times', 'according to The New York Times'),
      },
      // Affected bystanders: the article reports them leaving the country after the strike.
      { actor: 'us-oil-workers', role: 'WITNESS', citation: cite(P.oilWorkers, 'al-jazeera', 'Per Aljazeera') },
    ],
    citation: cite(P.soleimaniKilledNearAirport, DOD, 'the Department of Defense confirmed in a statement'),
  },

  // --- Background (not timeline entries)
  {
    key: 'us-withdraws-nuclear-deal',
    title: 'U.S. withdraws from the Iran Nuclear Deal and imposes harsh sanctions',
    summary:
      'President Trump withdrew from the Obama-era Iran Nuclear Deal in 2018 and imposed harsh sanctions on Iran, opening more than a year of escalating moves between Iran and the U.S.',
    kind: 'POLICY',
    occurred: date('2018-01-01', 'YEAR'),
    location: null,
    timeline: false,
    actors: [
      { actor: 'donald-trump', role: 'PERPETRATOR', citation: cite(P.nuclearDeal) },
      { actor: 'iranian-government', role: 'TARGET', citation: cite(P.nuclearDeal) },
    ],
    citation: cite(P.nuclearDeal),
  },
  {
    key: 'iran-tanker-attacks',
    title: 'Iran attacks oil tankers in the region',
    summary:
      'Iran attacked oil tankers in the region. The article gives no date: it lists the attacks among Iran’s moves after the 2018 U.S. withdrawal from the nuclear deal, within the “over a year” of escalation, so the event is dated 2019 at year precision.',
    kind: 'ATTACK',
    occurred: date('2019-01-01', 'YEAR'),
    location: 'middle-east',
    timeline: false,
    actors: [{ actor: 'iranian-government', role: 'PERPETRATOR', citation: cite(P.nuclearDeal) }],
    citation: cite(P.nuclearDeal),
  },
  {
    key: 'iran-shoots-down-us-drone',
    title: 'Iran shoots down a U.S. drone',
    summary:
      'Iran shot down a U.S. drone. The article gives no date: it lists the shootdown among Iran’s moves after the 2018 U.S. withdrawal from the nuclear deal, within the “over a year” of escalation, so the event is dated 2019 at year precision.',
    kind: 'SHOOTDOWN',
    occurred: date('2019-01-01', 'YEAR'),
    location: null,
    timeline: false,
    actors: [
      { actor: 'iranian-government', role: 'PERPETRATOR', citation: cite(P.nuclearDeal) },
      { actor: 'us-military', role: 'TARGET', citation: cite(P.nuclearDeal) },
    ],
    citation: cite(P.nuclearDeal),
  },
  {
    key: 'saudi-oil-facilities-bombed',
    title: 'Iran bombs key Saudi oil facilities',
    summary:
      'Iran bombed key Saudi oil facilities, as the article states in its own voice. The article gives no date: it lists the bombing among Iran’s moves after the 2018 U.S. withdrawal from the nuclear deal, within the “over a year” of escalation, so the event is dated 2019 at year precision.',
    kind: 'ATTACK',
    occurred: date('2019-01-01', 'YEAR'),
    location: 'saudi-oil-facilities',
    timeline: false,
    actors: [
      { actor: 'iranian-government', role: 'PERPETRATOR', citation: cite(P.nuclearDeal) },
      { actor: 'saudi-government', role: 'TARGET', citation: cite(P.nuclearDeal) },
    ],
    citation: cite(P.nuclearDeal),
  },
  {
    key: 'iraq-protests-since-october',
    title: 'Mass protests in Iraq since October',
    summary:
      'Since October 2019, more than 450 people have been killed in mass protests in Iraq criticizing the country’s poor quality of life and demanding new electoral laws and accountability for corruption.',
    kind: 'PROTEST',
    occurred: date('2019-10-01', 'MONTH'),
    location: 'iraq',
    timeline: false,
    actors: [{ actor: 'iraqi-protesters', role: 'PARTICIPANT', citation: cite(P.iraqProtests) }],
    citation: cite(P.iraqProtests),
  },
  {
    key: 'abdul-mahdi-resignation',
    title: 'Adel Abdul-Mahdi announces he will resign as Prime Minister',
    summary: 'In November 2019, Adel Abdul-Mahdi announced he would resign as Prime Minister of Iraq after weeks of violent protests.',
    kind: 'RESIGNATION',
    occurred: date('2019-11-01', 'MONTH'),
    location: 'iraq',
    timeline: false,
    actors: [{ actor: 'adel-abdul-mahdi', role: 'PARTICIPANT', citation: cite(P.resignation) }],
    citation: cite(P.resignation),
  },
];

// ---------------------------------------------------------------------------------------------
// Event links (`from` answers `to`)
// ---------------------------------------------------------------------------------------------

const eventLinks: SeedEventLink[] = [
  {
    from: 'dec-29-us-airstrikes',
    to: 'dec-27-rocket-attack',
    kind: 'RETALIATION_FOR',
    citation: cite(P.retaliation, 'us-government', 'The U.S. indicated'),
  },
  {
    from: 'dec-30-iraq-outrage',
    to: 'dec-29-us-airstrikes',
    kind: 'RESPONSE_TO',
    citation: cite(P.mourning, AP, 'according to the Associated Press'),
  },
  {
    from: 'dec-31-embassy-breach',
    to: 'dec-29-us-airstrikes',
    kind: 'RESPONSE_TO',
    citation: cite(P.embassyInResponse, null, 'reportedly'),
  },
  { from: 'jan-1-tear-gas-protest-ends', to: 'dec-31-embassy-breach', kind: 'FOLLOWS', citation: cite(P.protestsPickedUp) },
  {
    from: 'jan-3-soleimani-killed',
    to: 'dec-31-embassy-breach',
    kind: 'RETALIATION_FOR',
    citation: cite(P.introDod, DOD, 'the U.S. Department of Defense said'),
  },
  { from: 'iran-tanker-attacks', to: 'us-withdraws-nuclear-deal', kind: 'FOLLOWS', citation: cite(P.nuclearDeal) },
  { from: 'iran-shoots-down-us-drone', to: 'us-withdraws-nuclear-deal', kind: 'FOLLOWS', citation: cite(P.nuclearDeal) },
  { from: 'saudi-oil-facilities-bombed', to: 'us-withdraws-nuclear-deal', kind: 'FOLLOWS', citation: cite(P.nuclearDeal) },
  { from: 'abdul-mahdi-resignation', to: 'iraq-protests-since-october', kind: 'RESPONSE_TO', citation: cite(P.resignation) },
];

// ---------------------------------------------------------------------------------------------
// Casualties
// ---------------------------------------------------------------------------------------------

const casualties: SeedCasualty[] = [
  {
    key: 'dec-27-contractor-killed',
    event: 'dec-27-rocket-attack',
    kind: 'KILLED',
    figure: exact(1, 'A U.S. defense contractor'),
    victims: 'U.S. defense contractor',
    victimCountry: 'US',
    affiliation: null,
    occurred: DEC_27,
    citation: cite(P.contractorKilled, AP, 'according to the Associated Press'),
  },
  {
    key: 'dec-27-us-service-members-injured',
    event: 'dec-27-rocket-attack',
    kind: 'INJURED',
    figure: exact(4, 'four U.S. service members'),
    victims: 'U.S. service members',
    victimCountry: 'US',
    affiliation: 'us-military',
    occurred: DEC_27,
    citation: cite(P.injured, DOD, 'according to the Department of Defense'),
  },
  {
    key: 'dec-27-iraqi-security-forces-injured',
    event: 'dec-27-rocket-attack',
    kind: 'INJURED',
    figure: exact(2, 'two Iraqi Security Forces members'),
    victims: 'Iraqi Security Forces members',
    victimCountry: 'IQ',
    affiliation: 'iraqi-security-forces',
    occurred: DEC_27,
    citation: cite(P.injured, DOD, 'according to the Department of Defense'),
  },
  {
    key: 'dec-29-militia-fighters-killed',
    event: 'dec-29-us-airstrikes',
    kind: 'KILLED',
    figure: exact(25, '25 fighters'),
    victims: 'Kataeb Hezbollah militia fighters',
    victimCountry: 'IQ',
    affiliation: 'kataeb-hezbollah',
    occurred: DEC_29,
    citation: cite(P.killed25, AP, 'according to the Associated Press'),
  },
  {
    key: 'jan-3-soleimani-killed',
    event: 'jan-3-soleimani-killed',
    kind: 'KILLED',
    figure: exact(1, 'Iranian Gen. Qasem Soleimani'),
    victims: 'Gen. Qasem Soleimani, head of Iran’s Quds Force',
    victimCountry: 'IR',
    affiliation: 'quds-force',
    occurred: JAN_3,
    citation: cite(P.soleimaniKilled, DOD, 'the Department of Defense confirmed in a statement'),
  },
  {
    key: 'jan-3-militia-officials-killed',
    event: 'jan-3-soleimani-killed',
    kind: 'KILLED',
    figure: unknown('Several officials'),
    victims: 'officials from Iranian-backed Iraqi militias',
    victimCountry: 'IQ',
    affiliation: 'iran-backed-militias',
    occurred: JAN_3,
    citation: cite(P.militiaOfficials, 'new-york-times', 'according to The New York Times'),
  },
  {
    key: 'iraq-protesters-killed-since-october',
    event: 'iraq-protests-since-october',
    kind: 'KILLED',
    figure: moreThan(450, 'more than 450 people'),
    victims: 'people',
    victimCountry: 'IQ',
    affiliation: null,
    occurred: date('2019-10-01', 'MONTH'),
    citation: cite(P.iraqProtests),
  },
];

// ---------------------------------------------------------------------------------------------
// Troop deployments (U.S. forces)
// ---------------------------------------------------------------------------------------------

const deployments: SeedDeployment[] = [
  {
    key: 'dec-31-embassy-reinforcements',
    figure: unknown('additional forces'),
    status: 'ANNOUNCED',
    troops: 'additional forces',
    forceCountry: 'US',
    orderedBy: null,
    destinationLocation: 'us-embassy-baghdad',
    destinationCountry: 'IQ',
    occurred: DEC_31,
    event: 'dec-31-embassy-breach',
    supersedes: null,
    citation: cite(P.esperForces, 'mark-esper', 'Secretary of Defense Mark T. Esper said in a statement'),
  },
  {
    key: 'jan-1-750-announced',
    figure: approx(750, 'Approximately 750 troops'),
    status: 'ANNOUNCED',
    troops: 'troops',
    forceCountry: 'US',
    orderedBy: 'donald-trump',
    destinationLocation: 'middle-east',
    destinationCountry: null,
    occurred: JAN_1,
    event: 'dec-31-embassy-breach',
    supersedes: null,
    citation: cite(P.troopsOrdered),
  },
  {
    key: 'intro-750-deployed',
    figure: approx(750, 'roughly 750 U.S. soldiers'),
    status: 'DEPLOYED',
    troops: 'U.S. soldiers',
    forceCountry: 'US',
    orderedBy: 'donald-trump',
    destinationLocation: 'middle-east',
    destinationCountry: null,
    occurred: JAN_1,
    event: 'dec-31-embassy-breach',
    supersedes: 'jan-1-750-announced',
    citation: cite(P.intro750),
  },
  {
    key: 'jan-1-3000-possible',
    figure: exact(3000, 'another 3,000'),
    status: 'PLANNED',
    troops: 'troops',
    forceCountry: 'US',
    orderedBy: null,
    destinationLocation: 'middle-east',
    destinationCountry: null,
    occurred: JAN_1,
    event: 'dec-31-embassy-breach',
    supersedes: null,
    citation: cite(P.troopsExpected),
  },
  {
    key: 'jan-3-3000-sending',
    figure: approx(3000, 'around 3,000 more service members'),
    status: 'ANNOUNCED',
    troops: 'service members',
    forceCountry: 'US',
    orderedBy: null,
    destinationLocation: 'middle-east',
    destinationCountry: null,
    occurred: JAN_3,
    event: 'jan-3-soleimani-killed',
    supersedes: 'jan-1-3000-possible',
    citation: cite(P.moreTroops, AP, 'according to the AP'),
  },
  {
    key: 'iraq-5200-stationed',
    figure: approx(5200, 'roughly 5,200 troops already in Iraq'),
    status: 'STATIONED',
    troops: 'troops',
    forceCountry: 'US',
    orderedBy: null,
    destinationLocation: 'iraq',
    destinationCountry: 'IQ',
    occurred: JAN_3,
    event: null,
    supersedes: null,
    citation: cite(P.moreTroops, AP, 'according to the AP'),
  },
];

// ---------------------------------------------------------------------------------------------
// Reactions
// ---------------------------------------------------------------------------------------------

const reactions: SeedReaction[] = [
  // --- Dec. 27 rocket attack
  {
    key: 'us-blames-militia-for-dec-27-attack',
    actor: 'us-government',
    event: 'dec-27-rocket-attack',
    stance: 'BLAME',
    summary: 'The U.S. blamed the Iranian-backed militia for the rocket attack.',
    occurred: DEC_27,
    citation: cite(P.usBlamed),
  },
  {
    key: 'militia-denies-dec-27-attack',
    actor: 'iran-backed-militias',
    event: 'dec-27-rocket-attack',
    stance: 'DENIAL',
    summary: 'On Monday, the Iranian-backed militia denied responsibility for the Dec. 27 attack through a spokesperson.',
    occurred: DEC_30,
    citation: cite(P.denial, 'new-york-times', 'according to the New York Times'),
  },
  {
    key: 'hoffman-demands-end-to-attacks',
    actor: 'jonathan-hoffman',
    event: 'dec-27-rocket-attack',
    stance: 'DEMAND',
    summary:
      'Assistant to the Secretary of Defense Jonathan Hoffman called on Iran and the militias to stop attacking U.S. and coalition forces.',
    occurred: DEC_29,
    citation: cite(P.hoffmanDemand),
  },
  {
    key: 'trump-blames-iran-for-contractor-death',
    actor: 'donald-trump',
    event: 'dec-27-rocket-attack',
    stance: 'BLAME',
    summary: 'President Trump blamed Iran on Twitter for the contractor’s death.',
    occurred: DEC_31,
    citation: cite(P.trumpBlamed),
  },

  // --- Dec. 29 U.S. airstrikes
  {
    key: 'hoffman-justifies-dec-29-strikes',
    actor: 'jonathan-hoffman',
    event: 'dec-29-us-airstrikes',
    stance: 'JUSTIFICATION',
    summary:
      'In a statement, Jonathan Hoffman said the U.S. and its coalition partners respect Iraqi sovereignty but will not be deterred from exercising the right of self-defense.',
    occurred: DEC_29,
    citation: cite(P.hoffman),
  },
  {
    key: 'iraqi-government-condemns-dec-29-strikes',
    actor: 'iraqi-government',
    event: 'dec-29-us-airstrikes',
    stance: 'CONDEMNATION',
    summary: 'The Iraqi government expressed outrage about the strikes, calling them a “flagrant violation” of its sovereignty.',
    occurred: DEC_29,
    citation: cite(P.flagrant, AP, 'according to AP'),
  },
  {
    key: 'abdul-mahdi-declares-mourning',
    actor: 'adel-abdul-mahdi',
    event: 'dec-29-us-airstrikes',
    stance: 'MOURNING',
    summary:
      'Speaking to cabinet members, Prime Minister Adel Abdul-Mahdi declared three days of mourning for the people killed in the strikes; he said he had attempted to stop the U.S. airstrike, but the U.S. had insisted.',
    occurred: DEC_30,
    citation: cite(P.mourningFull, AP, 'according to the Associated Press'),
  },

  // --- Dec. 31 embassy breach
  {
    key: 'trump-blames-iran-for-embassy-breach',
    actor: 'donald-trump',
    event: 'dec-31-embassy-breach',
    stance: 'BLAME',
    summary:
      'President Trump blamed Iran on Twitter for the storming of the U.S. Embassy, saying Iran would be held “fully responsible”; he repeated that Iran was “fully responsible” on Jan. 1.',
    occurred: DEC_31,
    citation: cite(P.trumpBlamed),
  },
  {
    key: 'trump-demands-iraq-protect-embassy',
    actor: 'donald-trump',
    event: 'dec-31-embassy-breach',
    stance: 'DEMAND',
    summary: 'On Twitter, President Trump said the U.S. expects Iraq to use its forces to protect the Embassy.',
    occurred: DEC_31,
    citation: cite(P.trumpTweets),
  },
  {
    key: 'esper-calls-on-iraq-to-protect-embassy',
    actor: 'mark-esper',
    event: 'dec-31-embassy-breach',
    stance: 'DEMAND',
    summary:
      'Secretary of Defense Mark T. Esper called on Iraq to help protect the facility and to fulfill its international responsibilities to protect U.S. personnel.',
    occurred: DEC_31,
    citation: cite(P.esperCallsOnIraq),
  },
  {
    key: 'grisham-blames-iran',
    actor: 'stephanie-grisham',
    event: 'dec-31-embassy-breach',
    stance: 'BLAME',
    summary:
      'White House press secretary Stephanie Grisham reaffirmed the President’s position that Iran is orchestrating the attack and will be held fully responsible.',
    occurred: DEC_31,
    citation: cite(P.grishamStatement, AP, 'in a statement to the Associated Press'),
  },
  {
    key: 'esper-justifies-deployment',
    actor: 'mark-esper',
    event: 'dec-31-embassy-breach',
    stance: 'JUSTIFICATION',
    summary:
      'In a written statement, Defense Secretary Mark Esper called the troop deployment an appropriate and precautionary action in response to increased threat levels against U.S. personnel and facilities.',
    occurred: JAN_1,
    citation: cite(P.esperDeployment, AP, 'according to the AP'),
  },

  // --- Jan. 1 protest called off
  {
    key: 'pmf-calls-end-to-protest',
    actor: 'popular-mobilization-forces',
    event: 'jan-1-tear-gas-protest-ends',
    stance: 'CALL_FOR_RESTRAINT',
    summary:
      'Leaders in the Popular Mobilization Forces called on demonstrators to end the protest, telling them “your message has been received.”',
    occurred: JAN_1,
    citation: cite(P.pmfCall, AP, 'the AP reported'),
  },
  {
    key: 'iraqi-government-asks-end-to-protest',
    actor: 'iraqi-government',
    event: 'jan-1-tear-gas-protest-ends',
    stance: 'CALL_FOR_RESTRAINT',
    summary: 'The Iraqi government asked militia leaders to call on demonstrators to end the protest.',
    occurred: JAN_1,
    citation: cite(P.pmfCall, AP, 'the AP reported'),
  },
  {
    key: 'al-gezzi-celebrates-withdrawal',
    actor: 'fadhil-al-gezzi',
    event: 'jan-1-tear-gas-protest-ends',
    stance: 'CELEBRATION',
    summary:
      'Militia supporter Fadhil al-Gezzi said the protesters pulled out triumphantly after achieving their aim and had “rubbed America’s nose in the dirt.”',
    occurred: JAN_1,
    citation: cite(P.gezzi, AP, 'told the AP'),
  },

  // --- Jan. 3 killing of Soleimani: Iran
  {
    key: 'khamenei-vows-harsh-retaliation',
    actor: 'ali-khamenei',
    event: 'jan-3-soleimani-killed',
    stance: 'THREAT',
    summary: 'Supreme Leader Ali Khamenei vowed “harsh retaliation”, saying all lovers of resistance will be Soleimani’s avengers.',
    occurred: JAN_3,
    citation: cite(P.khamenei),
  },
  {
    key: 'khamenei-orders-mourning',
    actor: 'ali-khamenei',
    event: 'jan-3-soleimani-killed',
    stance: 'MOURNING',
    summary: 'Khamenei ordered three days of public mourning.',
    occurred: JAN_3,
    citation: cite(P.khameneiMourning, AP, 'according to the AP'),
  },
  {
    key: 'zarif-condemns-strike',
    actor: 'javad-zarif',
    event: 'jan-3-soleimani-killed',
    stance: 'CONDEMNATION',
    summary:
      'Foreign Minister Javad Zarif tweeted that the strike was an act of international terrorism and an extremely dangerous and foolish escalation, and that the U.S. bears responsibility for all consequences.',
    occurred: JAN_3,
    citation: cite(P.zarif),
  },
  {
    key: 'rouhani-condemns-heinous-crime',
    actor: 'hassan-rouhani',
    event: 'jan-3-soleimani-killed',
    stance: 'CONDEMNATION',
    summary: 'President Hassan Rouhani called the assassination a “heinous crime”.',
    occurred: JAN_3,
    citation: cite(P.rouhani, AP, 'according to the AP'),
  },
  {
    key: 'rouhani-vows-revenge',
    actor: 'hassan-rouhani',
    event: 'jan-3-soleimani-killed',
    stance: 'THREAT',
    summary: 'Rouhani promised Iran would “take revenge”.',
    occurred: JAN_3,
    citation: cite(P.rouhani, AP, 'according to the AP'),
  },
  {
    key: 'state-television-mourning',
    actor: 'iranian-state-television',
    event: 'jan-3-soleimani-killed',
    stance: 'MOURNING',
    summary:
      'Iran state television suspended all programming and displayed a photograph of Soleimani along with recitations from the Quran, signaling a national tragedy.',
    occurred: JAN_3,
    citation: cite(P.stateTv),
  },
  {
    key: 'iran-summons-swiss-charge',
    actor: 'iranian-government',
    event: 'jan-3-soleimani-killed',
    stance: 'DIPLOMATIC_PROTEST',
    summary: 'Iran summoned the Swiss chargé d’affaires, who represents U.S. interests in Tehran, to protest the assassination.',
    occurred: JAN_3,
    citation: cite(P.swiss, AP, 'The AP reports'),
  },
  {
    key: 'ghaani-named-quds-commander',
    actor: 'iranian-government',
    event: 'jan-3-soleimani-killed',
    stance: 'LEADERSHIP_CHANGE',
    summary:
      'Soleimani’s deputy Esmail Ghaani was named the new commander of Iran’s Quds Force, the semi-official Fars news agency reported (per Bloomberg).',
    occurred: JAN_3,
    citation: cite(P.ghaani, 'bloomberg', 'According to Bloomberg, the semi-official Iranian Fars news agency reports'),
  },
  {
    key: 'tehran-protest',
    actor: 'tehran-protesters',
    event: 'jan-3-soleimani-killed',
    stance: 'PROTEST',
    summary:
      'Thousands of protestors swarmed the streets of Tehran after the Friday Muslim prayers, chanting “Death to deceitful America.”',
    occurred: JAN_3,
    citation: cite(P.tehran, AP, 'The AP reports'),
  },

  // --- Jan. 3: United States
  {
    key: 'trump-defends-killing',
    actor: 'donald-trump',
    event: 'jan-3-soleimani-killed',
    stance: 'JUSTIFICATION',
    summary:
      'Immediately after the attack Trump tweeted only an image of an American flag, rather than explicitly celebrating; on Friday morning he defended the killing on Twitter, and in the afternoon told reporters the strike was to “stop a war”, not to start one.',
    occurred: JAN_3,
    citation: cite(P.defendOnTwitter),
  },
  {
    key: 'dod-justifies-killing',
    actor: 'us-department-of-defense',
    event: 'jan-3-soleimani-killed',
    stance: 'JUSTIFICATION',
    summary:
      'The Department of Defense said Soleimani was actively developing plans to attack American diplomats and service members, was behind attacks on coalition bases in Iraq, and approved the storming of the U.S. embassy.',
    occurred: JAN_3,
    citation: cite(P.introDod),
  },
  {
    key: 'us-government-urges-citizens-leave-iraq',
    actor: 'us-government',
    event: 'jan-3-soleimani-killed',
    stance: 'WARNING',
    summary:
      'The U.S. government urged U.S. citizens to leave Iraq “immediately” due to the possibility of retaliation; U.S. military facilities in the Middle East heightened security.',
    occurred: JAN_3,
    citation: cite(P.leaveIraqFull),
  },
  {
    key: 'pelosi-condemns-strike',
    actor: 'nancy-pelosi',
    event: 'jan-3-soleimani-killed',
    stance: 'CONDEMNATION',
    summary:
      'Speaker Nancy Pelosi condemned the strike for risking further dangerous escalation, noting it was carried out without an Authorization of Use of Military Force or consultation of Congress.',
    occurred: JAN_3,
    citation: cite(P.pelosiCondemns),
  },
  {
    key: 'pelosi-demands-congress-briefing',
    actor: 'nancy-pelosi',
    event: 'jan-3-soleimani-killed',
    stance: 'DEMAND',
    summary:
      'Pelosi demanded that the full Congress be immediately briefed on the situation and on the Administration’s next steps, including the deployment of additional troops.',
    occurred: JAN_3,
    citation: cite(P.pelosiDemands),
  },
  {
    key: 'pompeo-de-escalation',
    actor: 'mike-pompeo',
    event: 'jan-3-soleimani-killed',
    stance: 'CALL_FOR_RESTRAINT',
    summary: 'Secretary of State Mike Pompeo tweeted that the U.S. remains committed to de-escalation.',
    occurred: JAN_3,
    citation: cite(P.pompeo),
  },

  // --- Jan. 3: Iraq, Israel, Europe
  {
    key: 'abdul-mahdi-condemns-aggression',
    actor: 'adel-abdul-mahdi',
    event: 'jan-3-soleimani-killed',
    stance: 'CONDEMNATION',
    summary: 'Iraqi Prime Minister Adel Abdul-Mahdi called the assassination an “aggression against Iraq.”',
    occurred: JAN_3,
    citation: cite(P.abdulMahdiAggression, AP, 'According the AP'),
  },
  {
    key: 'netanyahu-supports-strike',
    actor: 'benjamin-netanyahu',
    event: 'jan-3-soleimani-killed',
    stance: 'SUPPORT',
    summary:
      'Returning early from a planned trip to Greece, Israeli Prime Minister Benjamin Netanyahu credited President Trump for acting swiftly, forcefully and decisively, and said Israel stands with the United States.',
    occurred: JAN_3,
    citation: cite(P.netanyahu),
  },
  {
    key: 'european-allies-support-strike',
    actor: 'european-allies',
    event: 'jan-3-soleimani-killed',
    stance: 'SUPPORT',
    summary: 'The U.S.’s European allies supported the move.',
    occurred: JAN_3,
    citation: cite(P.europeanAllies),
  },
  {
    key: 'european-allies-urge-restraint',
    actor: 'european-allies',
    event: 'jan-3-soleimani-killed',
    stance: 'CALL_FOR_RESTRAINT',
    summary: 'The U.S.’s European allies urged restraint from both parties.',
    occurred: JAN_3,
    citation: cite(P.europeanAllies),
  },
];

// ---------------------------------------------------------------------------------------------
// Quotes: every quoted string in the article, in order of appearance, verbatim between the marks
// ---------------------------------------------------------------------------------------------

const quote = (
  key: string,
  text: string,
  speaker: string,
  event: string | null,
  reaction: string | null,
  said: SeedDate,
  medium: SeedQuote['medium'],
  citation: SeedCitation,
): SeedQuote => ({ key, text, speaker, event, reaction, said, medium, citation });

const SOLEIMANI = 'jan-3-soleimani-killed';
const EMBASSY = 'dec-31-embassy-breach';

const quotes: SeedQuote[] = [
  // --- Introduction
  quote(
    'intro-khamenei-harsh-retaliation',
    'harsh retaliation,',
    'ali-khamenei',
    SOLEIMANI,
    'khamenei-vows-harsh-retaliation',
    JAN_3,
    'STATEMENT',
    cite(P.introReactions),
  ),
  quote(
    'intro-us-government-immediately',
    'immediately',
    'us-government',
    SOLEIMANI,
    'us-government-urges-citizens-leave-iraq',
    JAN_3,
    'UNKNOWN',
    cite(P.introReactions),
  ),
  quote(
    'intro-protesters-death-to-america',
    'Death to America',
    'embassy-protesters',
    EMBASSY,
    null,
    DEC_31,
    'PROTEST_CHANT',
    cite(P.introChant, null, 'reportedly'),
  ),
  quote(
    'intro-trump-fully-responsible',
    'fully responsible',
    'donald-trump',
    EMBASSY,
    'trump-blames-iran-for-embassy-breach',
    DEC_31,
    'TWITTER',
    cite(P.intro750),
  ),
  quote(
    'intro-dod-actively-developing-plans',
    'was actively developing plans to attack American diplomats and service members in Iraq and throughout the region,',
    'us-department-of-defense',
    SOLEIMANI,
    'dod-justifies-killing',
    JAN_3,
    'STATEMENT',
    cite(P.introDod),
  ),

  // --- Sunday, Dec. 29
  quote(
    'hoffman-self-defense',
    'The U.S. and its coalition partners fully respect Iraqi sovereignty, and support a strong and independent Iraq. The U.S., however, will not be deterred from exercising its right of self-defense,',
    'jonathan-hoffman',
    'dec-29-us-airstrikes',
    'hoffman-justifies-dec-29-strikes',
    DEC_29,
    'STATEMENT',
    cite(P.hoffman),
  ),
  quote(
    'iraqi-government-flagrant-violation',
    'flagrant violation',
    'iraqi-government',
    'dec-29-us-airstrikes',
    'iraqi-government-condemns-dec-29-strikes',
    DEC_29,
    'UNKNOWN',
    cite(P.flagrant, AP, 'according to AP'),
  ),

  // --- Tuesday, Dec. 31
  quote('protesters-death-to-america', 'Death to America!', 'embassy-protesters', EMBASSY, null, DEC_31, 'PROTEST_CHANT', cite(P.chants)),
  quote('protesters-death-to-israel', 'Death to Israel!', 'embassy-protesters', EMBASSY, null, DEC_31, 'PROTEST_CHANT', cite(P.chants)),
  quote(
    'esper-host-nation-forces',
    'As in all countries, we rely on host nation forces to assist in the protection of our personnel in country, and we call on the Government of Iraq to fulfill its international responsibilities to do so,',
    'mark-esper',
    EMBASSY,
    'esper-calls-on-iraq-to-protect-embassy',
    DEC_31,
    'STATEMENT',
    cite(P.esperQuote),
  ),
  quote(
    'trump-held-fully-responsible',
    'They will be held fully responsible,',
    'donald-trump',
    EMBASSY,
    'trump-blames-iran-for-embassy-breach',
    DEC_31,
    'TWITTER',
    cite(P.trumpTweets),
  ),
  quote(
    'trump-expect-iraq-to-protect-embassy',
    'In addition, we expect Iraq to use its forces to protect the Embassy, and so notified!',
    'donald-trump',
    EMBASSY,
    'trump-demands-iraq-protect-embassy',
    DEC_31,
    'TWITTER',
    cite(P.trumpTweets),
  ),
  quote(
    'grisham-iran-orchestrating',
    'As the president said, Iran is orchestrating this attack and they will be held fully responsible,',
    'stephanie-grisham',
    EMBASSY,
    'grisham-blames-iran',
    DEC_31,
    'STATEMENT',
    cite(P.grishamQuote),
  ),
  quote(
    'grisham-presidents-choice',
    'It will be the president’s choice how and when we respond to their escalation.',
    'stephanie-grisham',
    EMBASSY,
    'grisham-blames-iran',
    DEC_31,
    'STATEMENT',
    cite(P.grishamQuote),
  ),
  quote('trump-embassy-safe', 'safe', 'donald-trump', EMBASSY, null, DEC_31, 'TWITTER', cite(P.safe)),

  // --- Wednesday, January 1
  quote(
    'trump-iran-fully-responsible-jan-1',
    'fully responsible',
    'donald-trump',
    EMBASSY,
    'trump-blames-iran-for-embassy-breach',
    JAN_1,
    'UNKNOWN',
    cite(P.troopsOrdered),
  ),
  quote(
    'esper-deployment-precautionary',
    'This deployment is an appropriate and precautionary action taken in response to increased threat levels against U.S. personnel and facilities, such as we witnessed in Baghdad today,',
    'mark-esper',
    EMBASSY,
    'esper-justifies-deployment',
    JAN_1,
    'WRITTEN_STATEMENT',
    cite(P.esperDeployment, AP, 'according to the AP'),
  ),
  quote(
    'pmf-message-received',
    'your message has been received.',
    'popular-mobilization-forces',
    'jan-1-tear-gas-protest-ends',
    'pmf-calls-end-to-protest',
    JAN_1,
    'UNKNOWN',
    cite(P.messageReceived),
  ),
  quote(
    'al-gezzi-pulled-out-triumphantly',
    'After achieving the intended aim, we pulled out from this place triumphantly,',
    'fadhil-al-gezzi',
    'jan-1-tear-gas-protest-ends',
    'al-gezzi-celebrates-withdrawal',
    JAN_1,
    'INTERVIEW',
    cite(P.gezzi, AP, 'told the AP'),
  ),
  quote(
    'al-gezzi-americas-nose',
    'We rubbed America’s nose in the dirt.',
    'fadhil-al-gezzi',
    'jan-1-tear-gas-protest-ends',
    'al-gezzi-celebrates-withdrawal',
    JAN_1,
    'INTERVIEW',
    cite(P.gezzi, AP, 'told the AP'),
  ),

  // --- Friday, January 3
  quote(
    'dod-general-soleimani-developing-plans',
    'General Soleimani was actively developing plans to attack American diplomats and service members in Iraq and throughout the region,',
    'us-department-of-defense',
    SOLEIMANI,
    'dod-justifies-killing',
    JAN_3,
    'STATEMENT',
    cite(P.dodQuotes),
  ),
  quote(
    'dod-responsible-for-deaths',
    'General Soleimani and his Quds Force were responsible for the deaths of hundreds of American and coalition service members and the wounding of thousands more.',
    'us-department-of-defense',
    SOLEIMANI,
    'dod-justifies-killing',
    JAN_3,
    'STATEMENT',
    cite(P.dodQuotes),
  ),
  quote(
    'us-government-leave-immediately',
    'immediately',
    'us-government',
    SOLEIMANI,
    'us-government-urges-citizens-leave-iraq',
    JAN_3,
    'UNKNOWN',
    cite(P.leaveIraq),
  ),
  quote(
    'zarif-international-terrorism',
    'act of international terrorism,',
    'javad-zarif',
    SOLEIMANI,
    'zarif-condemns-strike',
    JAN_3,
    'TWITTER',
    cite(P.zarif),
  ),
  quote(
    'zarif-foolish-escalation',
    'extremely dangerous & foolish escalation,',
    'javad-zarif',
    SOLEIMANI,
    'zarif-condemns-strike',
    JAN_3,
    'TWITTER',
    cite(P.zarif),
  ),
  quote(
    'zarif-rouge-adventurism',
    'the US bears responsibility for all consequences of its rouge adventurism.',
    'javad-zarif',
    SOLEIMANI,
    'zarif-condemns-strike',
    JAN_3,
    'TWITTER',
    cite(P.zarif),
  ),
  quote(
    'vick-major-public-figure',
    'Soleimani was a major public figure in Iran, a Major General in Iran’s Revolutionary Guards Corps, who was easily the most popular official in an Iranian government that generally is not.',
    'karl-vick',
    SOLEIMANI,
    null,
    JAN_3,
    'REPORTING',
    cite(P.vick, 'karl-vick', 'As TIME’s Kark Vick reports'),
  ),
  quote(
    'khamenei-face-of-resistance',
    'Soleimani was the international face of resistance,',
    'ali-khamenei',
    SOLEIMANI,
    'khamenei-vows-harsh-retaliation',
    JAN_3,
    'STATEMENT',
    cite(P.khamenei),
  ),
  quote(
    'khamenei-lovers-of-resistance',
    'and all lovers of resistance will be his avengers.',
    'ali-khamenei',
    SOLEIMANI,
    'khamenei-vows-harsh-retaliation',
    JAN_3,
    'STATEMENT',
    cite(P.khamenei),
  ),
  quote(
    'khamenei-harsh-retaliation-waiting',
    'harsh retaliation is waiting.',
    'ali-khamenei',
    SOLEIMANI,
    'khamenei-vows-harsh-retaliation',
    JAN_3,
    'STATEMENT',
    cite(P.khamenei),
  ),
  quote(
    'rouhani-heinous-crime',
    'heinous crime',
    'hassan-rouhani',
    SOLEIMANI,
    'rouhani-condemns-heinous-crime',
    JAN_3,
    'UNKNOWN',
    cite(P.rouhani, AP, 'according to the AP'),
  ),
  quote(
    'rouhani-take-revenge',
    'take revenge,',
    'hassan-rouhani',
    SOLEIMANI,
    'rouhani-vows-revenge',
    JAN_3,
    'UNKNOWN',
    cite(P.rouhani, AP, 'according to the AP'),
  ),
  quote(
    'trump-tweet-got-caught',
    'General Qassem Soleimani has killed or badly wounded thousands of Americans over an extended period of time, and was plotting to kill many more…but got caught!,',
    'donald-trump',
    SOLEIMANI,
    'trump-defends-killing',
    JAN_3,
    'TWITTER',
    cite(P.trumpFridayTweets),
  ),
  quote(
    'trump-tweet-millions-of-people',
    'He was directly and indirectly responsible for the death of millions of people, including the recent large number… of PROTESTERS killed in Iran itself.',
    'donald-trump',
    SOLEIMANI,
    'trump-defends-killing',
    JAN_3,
    'TWITTER',
    cite(P.trumpFridayTweets),
  ),
  quote(
    'trump-stop-a-war',
    'stop a war.',
    'donald-trump',
    SOLEIMANI,
    'trump-defends-killing',
    JAN_3,
    'REMARKS_TO_REPORTERS',
    cite(P.trumpRemarks),
  ),
  quote(
    'trump-not-start-a-war',
    'We did not take action to start a war,',
    'donald-trump',
    SOLEIMANI,
    'trump-defends-killing',
    JAN_3,
    'REMARKS_TO_REPORTERS',
    cite(P.trumpRemarks),
  ),
  quote(
    'trump-acts-of-terrors',
    'Soleimani has been perpetrating acts of terrors to destabilize the Middle East for the last 20 years. What the United States did yesterday should have been done long ago.',
    'donald-trump',
    SOLEIMANI,
    'trump-defends-killing',
    JAN_3,
    'REMARKS_TO_REPORTERS',
    cite(P.trumpRemarks),
  ),
  quote(
    'pelosi-dangerous-escalation',
    'provoking further dangerous escalation of violence.',
    'nancy-pelosi',
    SOLEIMANI,
    'pelosi-condemns-strike',
    JAN_3,
    'STATEMENT',
    cite(P.pelosiCondemns),
  ),
  quote(
    'pelosi-congress-briefed',
    'the full Congress… be immediately briefed on this serious situation and on the next steps under consideration by the Administration, including the significant escalation of the deployment of additional troops to the region.',
    'nancy-pelosi',
    SOLEIMANI,
    'pelosi-demands-congress-briefing',
    JAN_3,
    'STATEMENT',
    cite(P.pelosiDemands),
  ),
  quote(
    'pompeo-de-escalation',
    'U.S. remains committed to de-escalation.',
    'mike-pompeo',
    SOLEIMANI,
    'pompeo-de-escalation',
    JAN_3,
    'TWITTER',
    cite(P.pompeo),
  ),
  quote(
    'perrigo-capitalize',
    'capitalize on the blow to their joint adversary Iran,',
    'billy-perrigo',
    SOLEIMANI,
    null,
    JAN_3,
    'REPORTING',
    cite(P.perrigo, 'billy-perrigo', 'TIME’s Billy Perrigo reports'),
  ),
  quote(
    'netanyahu-trump-deserves-credit',
    'President Trump deserves all the credit for acting swiftly, forcefully and decisively,',
    'benjamin-netanyahu',
    SOLEIMANI,
    'netanyahu-supports-strike',
    JAN_3,
    'REMARKS_TO_REPORTERS',
    cite(P.netanyahu),
  ),
  quote(
    'netanyahu-israel-stands-with-us',
    'Israel stands with the United States in its righteous struggle for peace, security and self-defense.',
    'benjamin-netanyahu',
    SOLEIMANI,
    'netanyahu-supports-strike',
    JAN_3,
    'REMARKS_TO_REPORTERS',
    cite(P.netanyahu),
  ),
  quote(
    'abdul-mahdi-aggression-against-iraq',
    'aggression against Iraq.',
    'adel-abdul-mahdi',
    SOLEIMANI,
    'abdul-mahdi-condemns-aggression',
    JAN_3,
    'UNKNOWN',
    cite(P.abdulMahdiAggression, AP, 'According the AP'),
  ),
  quote(
    'tehran-death-to-deceitful-america',
    'Death to deceitful America.',
    'tehran-protesters',
    SOLEIMANI,
    'tehran-protest',
    JAN_3,
    'PROTEST_CHANT',
    cite(P.tehran, AP, 'The AP reports'),
  ),
];

// ---------------------------------------------------------------------------------------------

export const dataset: Dataset = {
  info: {
    key: 'newsgraph:us-iran-2019-2020',
    name: 'U.S.-Iran escalation, December 2019 - January 2020 (TIME timeline, newsroom encoding)',
    version: null,
    licence: 'Quoted passages (c) TIME; structure by the newsgraph newsroom',
    citation:
      "Josiah Bates, Madeleine Carlisle: Iran Vowed Retaliation After a U.S. Strike Killed a Top Iranian General. Here's a Timeline of Recent Escalations. TIME.",
    url: null,
  },
  countries,
  sources,
  actors,
  locations,
  events,
  eventLinks,
  casualties,
  deployments,
  reactions,
  quotes,
};
