// Name pools for the seeded practices: varied origins, a few with apostrophes, hyphens and accents
// so clients meet the names real clinics have.

/** Splits a block of words, dropping repeats so every name is equally likely. */
function words(block: string): readonly string[] {
  return [...new Set(block.trim().split(/\s+/))];
}

export const FEMALE_FIRST_NAMES: readonly string[] = words(`
Olivia Charlotte Amelia Isla Mia Ava Grace Chloe Willow Matilda Ella Ruby Sophie Harper Zoe Lily Evie
Emily Sienna Isabella Aria Hannah Georgia Scarlett Ivy Lucy Madison Mackenzie Abigail Audrey Jasmine
Emma Sarah Jessica Rebecca Laura Rachel Megan Kate Natalie Michelle Nicole Kimberley Amanda Danielle
Priya Ananya Aisha Fatima Mei Yuki Hana Ji-woo Linh Thi Ngoc Mai Leilani Aroha Kiri Moana Anahera
Maria Sofia Lucia Valentina Camila Gabriela Ximena Ines Beatriz Chiara Giulia Francesca Elena Anastasia
Olga Katarzyna Agnieszka Zsofia Ingrid Astrid Freya Sinead Aoife Siobhan Niamh Margaret Dorothy Joan
Beverley Noelene Pauline Heather Wendy Chantelle Renée Zoë Amélie Maëlle Adaeze Chiamaka Amara Nia Imani
`);

export const MALE_FIRST_NAMES: readonly string[] = words(`
Oliver Noah Jack William Leo Lucas Thomas Henry Charlie James Hudson Ethan Mason Harrison Archie Theodore
Oscar Liam Samuel Max Isaac Alexander Benjamin Harry Elijah Cooper Hunter Xavier Levi Lachlan Riley
Daniel Matthew Joshua Andrew Christopher Michael David Nathan Ryan Luke Adam Benjamin Patrick Sean
Arjun Rohan Vikram Ravi Mohammed Omar Ali Yusuf Hassan Wei Jun Hiroshi Kenji Min-jun Duc Minh Tuan
Tane Wiremu Manaia Sione Mateo Santiago Diego Alejandro Javier Joaquín Marco Luca Giovanni Matteo
Dmitri Ivan Nikolai Piotr Tomasz Bence Lars Erik Soren Cian Eoin Declan Padraig Graham Kevin Barry
Geoffrey Trevor Wayne Darren Shane Jérôme François Chinedu Emeka Kwame Kofi Tariq Amir Reza Dariusz
`);

export const LAST_NAMES: readonly string[] = words(`
Smith Jones Williams Brown Wilson Taylor Johnson White Martin Anderson Thompson Nguyen Thomas Walker
Harris Lee Ryan Robinson Kelly King Davis Wright Evans Roberts Green Hall Wood Jackson Clarke Patel
Khan Singh Sharma Kaur Gupta Iyer Reddy Chowdhury Rahman Hossain Ahmed Hussain Malik Qureshi Siddiqui
Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Lin Guo He Tan Lim Ng Wong Cheung
Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Kim Park Choi Jung Kang Cho Yoon Jang Sato Suzuki Takahashi
Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Garcia Rodriguez Martinez Hernandez Lopez
Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Reyes Morales Cruz Ortiz Gutierrez
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De-Luca
Costa Papadopoulos Nikolaidis Georgiou Kowalski Nowak Wiśniewski Wójcik Kowalczyk Novak Horvat
Kovačević Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Jensen Nielsen
Hansen Larsen Andersen Johansson Karlsson Nilsson Eriksson Virtanen Korhonen O'Brien O'Connor
O'Sullivan O'Neill McCarthy Murphy Byrne Walsh Doyle Gallagher MacDonald Campbell Stewart Robertson
Fraser Murray Cameron Sinclair Duncan Morrison Davies Hughes Lewis Morgan Griffiths Owen Jenkins
Okafor Okonkwo Adeyemi Mensah Owusu Boateng Abubakar Haile Tesfaye Mwangi Kamau Ochieng Dlamini
Ngata Tipene Parata Tuhiwai Fa'alogo Tuilagi Kealoha Nakoa Smith-Jones Harding-Price Leclerc Dubois
Moreau Lefèvre Fontaine Cohen Levi Friedman Goldberg Katz Nasser Haddad Khoury Saleh Abboud Yilmaz
Kaya Demir Şahin Novotný Popescu Ionescu Petrov Ivanov Smirnov Volkov Sokolov Baker Carter Mitchell
Turner Phillips Campbell Parker Edwards Collins Stewart Morris Rogers Reed Cook Bell Murphy Bailey
Cooper Richardson Cox Howard Ward Peterson Gray James Watson Brooks Sanders Price Bennett Barnes Ross
Henderson Coleman Jenkins Perry Powell Long Patterson Hughes Washington Butler Simmons Foster Bryant
`);

export const STREET_NAMES: readonly string[] = words(`
High Station Church Victoria Albert Queen King George Elizabeth Park Railway Bridge Mill Main Market
Beach Ocean Hill Forest River Lake Wattle Banksia Acacia Jacaranda Maple Oak Elm Cedar Willow Birch
`);

export const STREET_KINDS: readonly string[] = ['Street', 'Road', 'Avenue', 'Parade', 'Lane', 'Crescent', 'Drive', 'Court'];
