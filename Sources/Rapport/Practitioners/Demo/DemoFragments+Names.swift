// Given names and family names for fictional demo practitioners, drawn from the many communities
// that make up the UK. Any resemblance to a real practitioner is coincidental.

extension DemoFragments {
    static let femaleGivenNames: [String] = [
        // English
        "Emma", "Sophie", "Charlotte", "Lucy", "Hannah", "Rebecca", "Claire", "Sarah", "Rachel", "Helen",
        "Katherine", "Victoria", "Eleanor", "Harriet", "Amelia", "Olivia", "Grace", "Jessica", "Laura",
        "Natalie", "Abigail", "Philippa", "Rosie", "Alice", "Frances", "Imogen", "Jenny", "Caroline", "Gemma",
        "Ruth", "Louise",
        // Scottish
        "Fiona", "Morag", "Eilidh", "Isla", "Ailsa", "Catriona", "Kirsty", "Mhairi", "Shona",
        // Welsh
        "Cerys", "Rhian", "Siân", "Bethan", "Ffion", "Nia", "Carys", "Angharad", "Eleri", "Megan", "Lowri",
        // Irish
        "Siobhan", "Aoife", "Niamh", "Róisín", "Orla", "Ciara", "Clodagh", "Saoirse", "Gráinne",
        // South Asian
        "Priya", "Anjali", "Sunita", "Meera", "Kavita", "Nisha", "Pooja", "Harpreet", "Simran", "Farzana",
        "Shabana", "Rukhsana", "Tasneem", "Nusrat", "Deepa", "Lakshmi", "Shreya", "Ayesha", "Sana", "Kavya",
        // Black British, African and Caribbean
        "Abena", "Ama", "Akosua", "Efua", "Adaeze", "Chiamaka", "Ngozi", "Folake", "Funmilayo", "Yewande",
        "Nkechi", "Shanice", "Marcia", "Beverley", "Simone", "Precious", "Blessing", "Aaliyah", "Hodan",
        "Faduma",
        // Chinese and East Asian
        "Mei", "Jing", "Ying", "Xiaoling", "Lian", "Hye-jin",
        // Polish and Eastern European
        "Agnieszka", "Katarzyna", "Magdalena", "Zofia", "Marta", "Aleksandra", "Ewa", "Ioana", "Andreea",
        // Arabic, Turkish, Greek and Southern European
        "Layla", "Yasmin", "Mariam", "Huda", "Rania", "Salma", "Amina", "Fatima", "Elif", "Zeynep", "Eleni",
        "Katerina", "Giulia", "Francesca", "Ana", "Lucía", "Miriam",
    ]

    static let maleGivenNames: [String] = [
        // English
        "James", "Tom", "Daniel", "Matthew", "Richard", "Simon", "Mark", "Paul", "Andrew", "David",
        "Jonathan", "Benjamin", "Oliver", "George", "Harry", "William", "Edward", "Christopher", "Nicholas",
        "Peter", "Michael", "Stephen", "Robert", "Adam", "Luke", "Ian", "Neil", "Graham", "Martin", "Philip",
        // Scottish
        "Alasdair", "Callum", "Euan", "Fraser", "Hamish", "Iain", "Ruaridh", "Angus", "Duncan", "Lachlan",
        // Welsh
        "Rhys", "Dafydd", "Gethin", "Owain", "Iwan", "Huw", "Aled", "Gareth", "Geraint", "Ieuan",
        // Irish
        "Ciarán", "Cormac", "Declan", "Eoin", "Seán", "Niall", "Padraig", "Ronan", "Fergal", "Conor",
        // South Asian
        "Arjun", "Rohan", "Sanjay", "Vikram", "Rajesh", "Amit", "Harjit", "Sukhdev", "Ravi", "Imran",
        "Tariq", "Asif", "Faisal", "Zain", "Bilal", "Kamran", "Anil", "Nikhil", "Rahul", "Hamza",
        // Black British, African and Caribbean
        "Kwame", "Kofi", "Kwabena", "Yaw", "Chinedu", "Emeka", "Oluwaseun", "Tunde", "Femi", "Obinna",
        "Ikenna", "Delroy", "Winston", "Marcus", "Jerome", "Leon", "Dwayne", "Andre", "Abdi", "Mahad",
        // Chinese and East Asian
        "Wei", "Jun", "Hao", "Ming", "Kin", "Min-jun",
        // Polish and Eastern European
        "Piotr", "Tomasz", "Krzysztof", "Marek", "Paweł", "Jakub", "Andrei", "Mihai",
        // Arabic, Turkish, Greek and Southern European
        "Omar", "Youssef", "Karim", "Ahmed", "Mohammed", "Khalid", "Samir", "Hassan", "Emre", "Mehmet",
        "Nikos", "Yiannis", "Marco", "Luca", "João", "Javier", "Reuben",
    ]

    static let neutralGivenNames: [String] = [
        "Alex", "Sam", "Jordan", "Robin", "Charlie", "Jamie", "Morgan", "Taylor", "Riley", "Casey",
        "Frankie", "Jesse", "Rowan", "Ash", "Kit", "Jo", "Sasha", "Eden", "Quinn", "Ellis",
        "Kai", "Kiran", "Amrit", "Manjit", "Gurpreet", "Temi", "Tamsin", "Avery", "Drew", "Remi",
    ]

    static let familyNames: [String] = [
        // English
        "Smith", "Brown", "Taylor", "Wilson", "Johnson", "Walker", "Wright", "Robinson", "Thompson", "White",
        "Green", "Hall", "Wood", "Harris", "Clarke", "Turner", "Hill", "Cooper", "Ward", "Morris",
        "Moore", "King", "Baker", "Harrison", "Marshall", "Parker", "Bennett", "Carter", "Fletcher", "Shaw",
        "Holmes", "Pearson", "Cartwright", "Ashworth", "Whitfield", "Lockwood", "Barraclough", "Hargreaves",
        "Pennington", "Fairbrother", "Chapman", "Fox", "Webb", "Gibson", "Atkinson", "Sutton", "Booth",
        "Dixon", "Knight", "Spencer", "Frost", "Beaumont",
        // Welsh
        "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Lewis", "Hughes", "Morgan", "Griffiths",
        "Owen", "Price", "Pritchard", "Powell", "Llewellyn", "Bowen", "Jenkins", "Prosser", "Vaughan", "Rees",
        "Parry", "Howells",
        // Scottish
        "Campbell", "MacDonald", "Stewart", "Robertson", "Murray", "Fraser", "MacLeod", "McKenzie",
        "Sinclair", "Ross", "Buchanan", "Cameron", "Ferguson", "Munro", "McIntyre", "Drummond", "Grant",
        "Kerr", "Lindsay", "Galbraith", "McGregor",
        // Irish
        "O'Neill", "O'Brien", "Murphy", "Kelly", "Byrne", "Ryan", "O'Connor", "Doyle", "Gallagher",
        "McCarthy", "Quinn", "Brennan", "Fitzgerald", "Kavanagh", "O'Sullivan", "Donnelly", "Nolan",
        "Flanagan", "Maguire", "Devlin", "O'Reilly", "O'Hara",
        // South Asian
        "Patel", "Shah", "Mistry", "Chauhan", "Desai", "Mehta", "Joshi", "Sharma", "Gupta", "Kumar",
        "Singh", "Kaur", "Sandhu", "Gill", "Dhillon", "Bains", "Sidhu", "Grewal", "Khan", "Hussain",
        "Ahmed", "Ali", "Iqbal", "Akhtar", "Rahman", "Chowdhury", "Begum", "Uddin", "Miah", "Malik",
        "Qureshi", "Siddiqui", "Chaudhry", "Nair", "Menon", "Pillai", "Krishnan", "Rao", "Banerjee",
        "Mukherjee", "Bose", "Perera", "Fernando", "Sivakumar", "D'Souza", "D'Costa",
        // Nigerian and Ghanaian
        "Adeyemi", "Okafor", "Okonkwo", "Balogun", "Eze", "Nwosu", "Ogunleye", "Afolabi", "Ibekwe",
        "Akinola", "Oladipo", "Mensah", "Owusu", "Asante", "Boateng", "Osei", "Agyeman", "Appiah", "Addo",
        "Ofori", "Antwi", "Quaye",
        // Caribbean
        "Brathwaite", "Gayle", "Lindo", "Reid", "Francis", "Samuels", "Forbes", "Hinds", "Alleyne",
        "Lashley", "Morrison", "Christie", "Bailey",
        // Somali
        "Farah", "Warsame", "Jama", "Osman", "Hersi",
        // Chinese and East and South East Asian
        "Chen", "Wong", "Li", "Zhang", "Wang", "Lam", "Cheung", "Chan", "Leung", "Ho",
        "Tang", "Lau", "Ng", "Yip", "Liu", "Huang", "Tsang", "Nguyen", "Tran", "Kim", "Park", "Reyes",
        // Polish and Romanian
        "Nowak", "Wójcik", "Kaczmarek", "Mazur", "Krawczyk", "Woźniak", "Dudek", "Pawlak", "Walczak",
        "Sikora", "Popescu", "Ionescu", "Dumitru",
        // Turkish, Greek and Cypriot
        "Yilmaz", "Demir", "Kaya", "Aydin", "Arslan", "Ozkan", "Georgiou", "Christodoulou", "Constantinou",
        "Nicolaou", "Ioannou", "Charalambous", "Papadopoulos",
        // Italian, Spanish and Portuguese
        "Rossi", "Bianchi", "Romano", "Esposito", "Conti", "Moretti", "Silva", "Santos", "Pereira", "Costa",
        "Garcia", "Martinez",
        // Arabic, Persian and Jewish
        "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Aziz", "Karimi", "Hosseini", "Cohen", "Levy",
        "Goldberg", "Rosen",
        // Hyphenated
        "Smith-Jones", "Clarke-Williams", "Patel-Hughes", "Owusu-Brown", "Lloyd-Davies", "Hamilton-Reid",
        "Evans-Okafor", "Murray-Khan",
    ]
}
