// Plausible personal names per ASEM country for the demo data, and how to turn them into
// e-mail addresses. Small lists on purpose: they only have to look right, not be exhaustive.
import type { Random } from '@twinning/core/random';

interface NameGroup {
  female: string[];
  male: string[];
  /** One list, or female and male forms where the language inflects family names. */
  family: string[] | { female: string[]; male: string[] };
  /** Family name written first (Chinese). */
  familyFirst?: boolean;
}

/** Whole names where given/family does not split cleanly (Malay, Khmer, Burmese …). */
type FullNames = string[];

const groups: Record<string, NameGroup | FullNames> = {
  german: {
    female: ['Anna', 'Katharina', 'Sophie', 'Miriam', 'Julia', 'Lena', 'Sabine', 'Franziska'],
    male: ['Lukas', 'Jonas', 'Felix', 'Tobias', 'Stefan', 'Matthias', 'Florian', 'Andreas'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann'],
  },
  austrian: {
    female: ['Magdalena', 'Theresa', 'Lisa', 'Verena', 'Johanna'],
    male: ['Florian', 'Georg', 'Martin', 'Christoph', 'Bernhard'],
    family: ['Gruber', 'Huber', 'Bauer', 'Pichler', 'Steiner', 'Moser', 'Hofer'],
  },
  swissGerman: {
    female: ['Nadine', 'Corinne', 'Barbara', 'Regula', 'Simone'],
    male: ['Reto', 'Urs', 'Beat', 'Marco', 'Daniel'],
    family: ['Meier', 'Keller', 'Frei', 'Baumann', 'Brunner', 'Gerber', 'Zürcher'],
  },
  french: {
    female: ['Camille', 'Claire', 'Élodie', 'Isabelle', 'Manon', 'Chloé', 'Aurélie'],
    male: ['Julien', 'Nicolas', 'Mathieu', 'Antoine', 'Guillaume', 'Thomas', 'Olivier'],
    family: ['Martin', 'Bernard', 'Dubois', 'Laurent', 'Moreau', 'Lefebvre', 'Girard', 'Rousseau'],
  },
  belgianFrench: {
    female: ['Aurore', 'Céline', 'Marie', 'Pauline'],
    male: ['Maxime', 'Benoît', 'Arnaud', 'Cédric'],
    family: ['Dupont', 'Lambert', 'Dumont', 'Leclercq', 'Renard', 'Lemaire'],
  },
  dutch: {
    female: ['Sanne', 'Lotte', 'Eline', 'Femke', 'Marieke', 'Anouk'],
    male: ['Thijs', 'Bram', 'Joris', 'Pieter', 'Ruben', 'Sander'],
    family: ['de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer'],
  },
  flemish: {
    female: ['Lien', 'Katrien', 'Sofie', 'Annelies'],
    male: ['Wouter', 'Jeroen', 'Koen', 'Pieter-Jan'],
    family: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Claes', 'Willems', 'Goossens'],
  },
  luxembourgish: {
    female: ['Carole', 'Martine', 'Tessy'],
    male: ['Luc', 'Jean-Paul', 'Pit'],
    family: ['Schmit', 'Weber', 'Hoffmann', 'Wagner', 'Kieffer', 'Thill'],
  },
  italian: {
    female: ['Giulia', 'Francesca', 'Chiara', 'Elena', 'Valentina', 'Silvia'],
    male: ['Marco', 'Luca', 'Alessandro', 'Matteo', 'Davide', 'Giorgio'],
    family: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci'],
  },
  spanish: {
    female: ['Lucía', 'María', 'Laura', 'Marta', 'Carmen', 'Nuria'],
    male: ['Javier', 'Carlos', 'Pablo', 'Sergio', 'Jordi', 'Iñaki'],
    family: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Romero', 'Navarro', 'Torres'],
  },
  portuguese: {
    female: ['Inês', 'Mariana', 'Ana', 'Beatriz', 'Catarina'],
    male: ['João', 'Tiago', 'Rui', 'Pedro', 'Miguel'],
    family: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues'],
  },
  english: {
    female: ['Emma', 'Olivia', 'Charlotte', 'Hannah', 'Rebecca', 'Sarah', 'Eleanor'],
    male: ['James', 'Thomas', 'Daniel', 'Matthew', 'Oliver', 'Richard', 'Alexander'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Evans', 'Clarke', 'Hughes', 'Wright'],
  },
  irish: {
    female: ['Siobhán', 'Aoife', 'Niamh', 'Ciara', 'Orla'],
    male: ['Ciarán', 'Seán', 'Conor', 'Eoin', 'Declan'],
    family: ['Murphy', 'Kelly', "O'Brien", 'Walsh', 'Byrne', 'Ryan', "O'Connor"],
  },
  australian: {
    female: ['Chloe', 'Mia', 'Ruby', 'Jessica', 'Grace'],
    male: ['Jack', 'Liam', 'Noah', 'Lachlan', 'Harrison'],
    family: ['Wilson', 'Thompson', 'Anderson', 'Walker', 'Mitchell', 'Nguyen', 'Campbell'],
  },
  newZealand: {
    female: ['Aroha', 'Isla', 'Hana', 'Georgia'],
    male: ['Tane', 'Oliver', 'Nikau', 'Hamish'],
    family: ['Ngata', 'Williams', 'Parata', 'Robertson', 'Tipene', 'Stewart'],
  },
  swedish: {
    female: ['Elin', 'Maja', 'Sara', 'Karin', 'Linnea'],
    male: ['Erik', 'Oskar', 'Johan', 'Anders', 'Henrik'],
    family: ['Andersson', 'Johansson', 'Lindqvist', 'Nilsson', 'Berg', 'Holm', 'Lundgren'],
  },
  norwegian: {
    female: ['Ingrid', 'Sigrid', 'Kari', 'Marit', 'Ragnhild'],
    male: ['Lars', 'Magnus', 'Henrik', 'Espen', 'Øyvind'],
    family: ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Haugen', 'Bakke', 'Solberg'],
  },
  danish: {
    female: ['Mette', 'Freja', 'Ida', 'Louise', 'Camilla'],
    male: ['Rasmus', 'Mads', 'Søren', 'Mikkel', 'Jesper'],
    family: ['Nielsen', 'Jensen', 'Pedersen', 'Christensen', 'Sørensen', 'Madsen'],
  },
  finnish: {
    female: ['Aino', 'Laura', 'Sanna', 'Riikka', 'Heidi'],
    male: ['Mikko', 'Juha', 'Antti', 'Jukka', 'Ville'],
    family: ['Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Heikkinen', 'Laine'],
  },
  estonian: {
    female: ['Kadri', 'Liis', 'Triin', 'Kristiina'],
    male: ['Martin', 'Rasmus', 'Andres', 'Tõnu'],
    family: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Kukk', 'Rebane'],
  },
  latvian: {
    female: ['Līga', 'Ilze', 'Dace', 'Inese'],
    male: ['Jānis', 'Andris', 'Mārtiņš', 'Edgars'],
    family: {
      female: ['Bērziņa', 'Kalniņa', 'Ozoliņa', 'Liepiņa', 'Krūmiņa'],
      male: ['Bērziņš', 'Kalniņš', 'Ozoliņš', 'Liepiņš', 'Krūmiņš'],
    },
  },
  lithuanian: {
    female: ['Rūta', 'Eglė', 'Ieva', 'Gintarė'],
    male: ['Tomas', 'Mantas', 'Darius', 'Vytautas'],
    family: {
      female: ['Kazlauskienė', 'Petrauskaitė', 'Jankauskienė', 'Žukauskaitė'],
      male: ['Kazlauskas', 'Petrauskas', 'Jankauskas', 'Žukauskas'],
    },
  },
  polish: {
    female: ['Agnieszka', 'Katarzyna', 'Magdalena', 'Joanna', 'Aleksandra'],
    male: ['Piotr', 'Tomasz', 'Marcin', 'Krzysztof', 'Paweł'],
    family: {
      female: ['Nowak', 'Kowalska', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowska'],
      male: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski'],
    },
  },
  czech: {
    female: ['Petra', 'Lucie', 'Jana', 'Tereza'],
    male: ['Jan', 'Tomáš', 'Martin', 'Ondřej'],
    family: {
      female: ['Nováková', 'Svobodová', 'Dvořáková', 'Černá', 'Procházková'],
      male: ['Novák', 'Svoboda', 'Dvořák', 'Černý', 'Procházka'],
    },
  },
  slovak: {
    female: ['Zuzana', 'Katarína', 'Lenka', 'Mária'],
    male: ['Peter', 'Michal', 'Juraj', 'Martin'],
    family: {
      female: ['Horváthová', 'Kováčová', 'Baláková', 'Tóthová'],
      male: ['Horváth', 'Kováč', 'Balák', 'Tóth'],
    },
  },
  slovenian: {
    female: ['Maja', 'Nina', 'Špela', 'Tjaša'],
    male: ['Luka', 'Matej', 'Rok', 'Jure'],
    family: ['Novak', 'Horvat', 'Kranjc', 'Zupančič', 'Potočnik', 'Kovačič'],
  },
  croatian: {
    female: ['Ana', 'Ivana', 'Petra', 'Marija'],
    male: ['Ivan', 'Marko', 'Josip', 'Tomislav'],
    family: ['Horvat', 'Kovačević', 'Babić', 'Marić', 'Jurić', 'Novak'],
  },
  bulgarian: {
    female: ['Maria', 'Elena', 'Desislava', 'Gergana'],
    male: ['Georgi', 'Ivan', 'Dimitar', 'Nikolay'],
    family: {
      female: ['Ivanova', 'Petrova', 'Georgieva', 'Dimitrova', 'Stoyanova'],
      male: ['Ivanov', 'Petrov', 'Georgiev', 'Dimitrov', 'Stoyanov'],
    },
  },
  romanian: {
    female: ['Andreea', 'Ioana', 'Elena', 'Mihaela', 'Raluca'],
    male: ['Andrei', 'Mihai', 'Alexandru', 'Radu', 'Bogdan'],
    family: ['Popescu', 'Ionescu', 'Constantinescu', 'Stan', 'Dumitrescu', 'Marin'],
  },
  hungarian: {
    female: ['Eszter', 'Katalin', 'Zsófia', 'Réka'],
    male: ['Gábor', 'László', 'Bence', 'Zoltán'],
    family: ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga'],
  },
  greek: {
    female: ['Eleni', 'Maria', 'Katerina', 'Sofia', 'Despina'],
    male: ['Giorgos', 'Nikos', 'Dimitris', 'Andreas', 'Kostas'],
    family: {
      female: ['Papadopoulou', 'Georgiou', 'Nikolaou', 'Christodoulou', 'Konstantinou'],
      male: ['Papadopoulos', 'Georgiou', 'Nikolaou', 'Christodoulou', 'Konstantinou'],
    },
  },
  maltese: {
    female: ['Maria', 'Claire', 'Rebecca', 'Marija'],
    male: ['Luke', 'Matthew', 'Jean-Pierre', 'Karl'],
    family: ['Borg', 'Camilleri', 'Vella', 'Farrugia', 'Zammit', 'Galea'],
  },
  russian: {
    female: ['Anna', 'Ekaterina', 'Olga', 'Natalia', 'Irina'],
    male: ['Dmitry', 'Alexey', 'Sergey', 'Ivan', 'Mikhail'],
    family: {
      female: ['Ivanova', 'Smirnova', 'Kuznetsova', 'Popova', 'Sokolova', 'Volkova'],
      male: ['Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Sokolov', 'Volkov'],
    },
  },
  kazakh: {
    female: ['Aigerim', 'Dana', 'Aliya', 'Madina', 'Gulnara'],
    male: ['Nurlan', 'Yerlan', 'Daniyar', 'Askar', 'Timur'],
    family: {
      female: ['Nurlanova', 'Bekova', 'Sadykova', 'Abenova', 'Zhaksylykova'],
      male: ['Nurlanov', 'Bekov', 'Sadykov', 'Abenov', 'Zhaksylykov'],
    },
  },
  mongolian: [
    'Bat-Erdene Ganbold',
    'Oyunchimeg Dorj',
    'Enkhjargal Batbayar',
    'Temuulen Bold',
    'Sarangerel Enkhbat',
    'Ganzorig Tsend',
    'Nomin-Erdene Purev',
  ],
  japanese: {
    female: ['Yuki', 'Haruka', 'Aiko', 'Emi', 'Naoko', 'Sakura', 'Mayumi'],
    male: ['Kenji', 'Hiroshi', 'Takashi', 'Daiki', 'Satoshi', 'Yuto', 'Kazuya'],
    family: [
      'Tanaka',
      'Suzuki',
      'Sato',
      'Takahashi',
      'Watanabe',
      'Ito',
      'Yamamoto',
      'Nakamura',
      'Kobayashi',
    ],
  },
  chinese: {
    female: ['Xiaoling', 'Jing', 'Yan', 'Fang', 'Min', 'Hui'],
    male: ['Wei', 'Jun', 'Hao', 'Lei', 'Ming', 'Qiang'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang'],
    familyFirst: true,
  },
  korean: {
    female: ['Ji-woo', 'Seo-yeon', 'Min-ji', 'Hye-jin', 'Eun-ji'],
    male: ['Min-jun', 'Seung-ho', 'Jae-won', 'Dong-hyun', 'Sung-min'],
    family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Yoon'],
  },
  indian: {
    female: ['Priya', 'Ananya', 'Kavya', 'Deepa', 'Meera', 'Lakshmi'],
    male: ['Arjun', 'Rahul', 'Vikram', 'Sanjay', 'Rohan', 'Aditya'],
    family: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Gupta', 'Nair', 'Singh', 'Mukherjee'],
  },
  pakistani: {
    female: ['Ayesha', 'Fatima', 'Sana', 'Hira', 'Mahnoor'],
    male: ['Ali', 'Usman', 'Bilal', 'Hamza', 'Faisal'],
    family: ['Khan', 'Ahmed', 'Malik', 'Qureshi', 'Hussain', 'Siddiqui'],
  },
  bangladeshi: {
    female: ['Nusrat', 'Farhana', 'Tahmina', 'Sadia', 'Rumana'],
    male: ['Tanvir', 'Rafiq', 'Arif', 'Imran', 'Shafiq'],
    family: ['Rahman', 'Hossain', 'Islam', 'Chowdhury', 'Ahmed', 'Akter'],
  },
  indonesian: {
    female: ['Siti', 'Dewi', 'Putri', 'Rina', 'Ayu'],
    male: ['Budi', 'Agus', 'Rizki', 'Andi', 'Dimas'],
    family: ['Santoso', 'Wijaya', 'Pratama', 'Hidayat', 'Saputra', 'Kusuma', 'Nugroho'],
  },
  thai: {
    female: ['Siriporn', 'Pimchanok', 'Kanokwan', 'Nattaya', 'Supaporn'],
    male: ['Somchai', 'Anan', 'Thanakorn', 'Kittipong', 'Wichai'],
    family: ['Srisuk', 'Chaiyaporn', 'Wongsawat', 'Rattanakul', 'Boonmee', 'Saetang'],
  },
  filipino: {
    female: ['Maria Cristina', 'Angelica', 'Kristine', 'Joy', 'Patricia'],
    male: ['Jose Miguel', 'Mark Anthony', 'Paolo', 'Rafael', 'Carlo'],
    family: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'dela Cruz'],
  },
  malaysian: [
    'Nurul Aisyah Abdullah',
    'Ahmad Hafiz Ismail',
    'Tan Mei Ling',
    'Lim Wei Jie',
    'Kavitha Subramaniam',
    'Ravi Chandran',
    'Siti Hajar Rahman',
    'Muhammad Faiz Osman',
    'Wong Kar Mun',
    'Nor Azlina Yusof',
  ],
  singaporean: [
    'Tan Wei Ming',
    'Lim Hui Min',
    'Priya Nair',
    'Muhammad Hafiz Rahman',
    'Chua Li Ting',
    'Daniel Ong',
    'Rachel Koh',
    'Goh Jun Wei',
  ],
  bruneian: [
    'Nurul Huda Ahmad',
    'Muhammad Aiman Yusof',
    'Siti Zaharah Abdullah',
    'Hazwan Othman',
    'Nur Amalina Hamid',
  ],
  khmer: ['Sok Chanthy', 'Chea Sopheap', 'Vann Dara', 'Kim Sreymom', 'Heng Vuthy', 'Lim Sokha'],
  lao: [
    'Souksavanh Phommachanh',
    'Khamla Keomany',
    'Vilayphone Sisavath',
    'Bounmy Inthavong',
    'Phonesavanh Vongsa',
  ],
  burmese: [
    'Aung Kyaw Moe',
    'Thida Win',
    'Hnin Ei Phyu',
    'Zaw Min Htut',
    'Su Myat Noe',
    'Kyaw Zin Oo',
  ],
  vietnamese: [
    'Nguyễn Thị Lan',
    'Trần Minh Tuấn',
    'Lê Thu Hương',
    'Phạm Văn Đức',
    'Hoàng Thị Mai',
    'Vũ Quang Huy',
    'Đỗ Thanh Hà',
    'Bùi Đức Anh',
  ],
};

const countryGroups: Record<string, string[]> = {
  AT: ['austrian', 'german'],
  BE: ['flemish', 'belgianFrench'],
  BG: ['bulgarian'],
  HR: ['croatian'],
  CY: ['greek'],
  CZ: ['czech'],
  DK: ['danish'],
  EE: ['estonian'],
  FI: ['finnish'],
  FR: ['french'],
  DE: ['german'],
  GR: ['greek'],
  HU: ['hungarian'],
  IE: ['irish', 'english'],
  IT: ['italian'],
  LV: ['latvian'],
  LT: ['lithuanian'],
  LU: ['luxembourgish', 'french'],
  MT: ['maltese'],
  NL: ['dutch'],
  PL: ['polish'],
  PT: ['portuguese'],
  RO: ['romanian'],
  SK: ['slovak'],
  SI: ['slovenian'],
  ES: ['spanish'],
  SE: ['swedish'],
  NO: ['norwegian'],
  CH: ['swissGerman', 'french', 'italian'],
  GB: ['english'],
  AU: ['australian', 'english'],
  BD: ['bangladeshi'],
  BN: ['bruneian'],
  KH: ['khmer'],
  CN: ['chinese'],
  IN: ['indian'],
  ID: ['indonesian'],
  JP: ['japanese'],
  KZ: ['kazakh', 'russian'],
  KR: ['korean'],
  LA: ['lao'],
  MY: ['malaysian'],
  MN: ['mongolian'],
  MM: ['burmese'],
  NZ: ['newZealand', 'australian'],
  PK: ['pakistani'],
  PH: ['filipino'],
  RU: ['russian'],
  SG: ['singaporean'],
  TH: ['thai'],
  VN: ['vietnamese'],
};

export interface PersonName {
  /** As shown: "Kenji Tanaka", "Zhang Wei", "Nguyễn Thị Lan". */
  name: string;
  /** What a colleague writes after "Hi": the given name, or the whole name where that is safer. */
  callName: string;
  /** Candidate local parts for an e-mail address, most natural first. */
  emailLocals: string[];
}

const special: Record<string, string> = {
  đ: 'd',
  Đ: 'd',
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  ß: 'ss',
  ł: 'l',
  Ł: 'l',
};

/** Lower-case ASCII letters only: "Müller" → "muller", "O'Brien" → "obrien", "dela Cruz" → "delacruz". */
export function asciiWord(text: string): string {
  return text
    .replace(/[đĐøØæßłŁ]/g, (c) => special[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export function personName(random: Random, country: string): PersonName {
  const group = groups[random.pick(countryGroups[country] ?? ['english'])] ?? [];
  if (Array.isArray(group)) {
    const name = random.pick(group);
    const words = name.split(' ').map(asciiWord).filter(Boolean);
    const last = words[words.length - 1] ?? 'staff';
    const first = words[0] ?? 'staff';
    return {
      name,
      callName: name,
      emailLocals: [words.join('.'), `${first}.${last}`, `${first[0]}${last}`],
    };
  }
  const female = random.chance(0.5);
  const given = random.pick(female ? group.female : group.male);
  const familyList = Array.isArray(group.family)
    ? group.family
    : female
      ? group.family.female
      : group.family.male;
  const family = random.pick(familyList);
  const g = asciiWord(given);
  const f = asciiWord(family);
  const locals = random.chance(0.5)
    ? [`${g}.${f}`, `${g[0]}.${f}`, `${g}${f}`]
    : [`${g[0]}.${f}`, `${g}.${f}`, `${f}.${g}`];
  return {
    name: group.familyFirst ? `${family} ${given}` : `${given} ${family}`,
    callName: group.familyFirst ? `${family} ${given}` : given,
    emailLocals: locals,
  };
}
