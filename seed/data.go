package seed

// The vocabulary the generator draws from: offices and the countries they
// cover, cities (with Arabic names where the country writes Arabic), names
// of people in four pools, and the parts organization names are made of.

// office is one of our country offices and the countries it covers.
type office struct {
	name, country string
	weight        float64 // share of the records
	countries     []country
}

type country struct {
	code   string
	pool   int         // the name pool of its people (poolArabic, ...)
	cities [][2]string // Latin, Arabic ("" when not Arabic-speaking)
}

// Name pools.
const (
	poolArabic = iota
	poolBalkan
	poolEuropean
	poolTurkic
)

var countryNames = map[string]string{"IQ": "Iraq", "SY": "Syria", "KW": "Kuwait", "SA": "Saudi Arabia", "TR": "Türkiye",
	"IR": "Iran", "BA": "Bosnia and Herzegovina", "RS": "Serbia", "HR": "Croatia", "ME": "Montenegro", "MK": "North Macedonia",
	"AL": "Albania", "JO": "Jordan", "PS": "Palestine", "EG": "Egypt", "LB": "Lebanon", "YE": "Yemen", "OM": "Oman",
	"TN": "Tunisia", "LY": "Libya", "DZ": "Algeria", "MA": "Morocco", "MR": "Mauritania", "SD": "Sudan", "AT": "Austria",
	"DE": "Germany", "CH": "Switzerland", "IT": "Italy", "FR": "France", "BE": "Belgium"}

var offices = []office{
	{"IOM Iraq", "IQ", 0.34, []country{
		{"IQ", poolArabic, [][2]string{{"Baghdad", "بغداد"}, {"Mosul", "الموصل"}, {"Basra", "البصرة"}, {"Erbil", "أربيل"}, {"Najaf", "النجف"}, {"Ramadi", "الرمادي"}}},
		{"SY", poolArabic, [][2]string{{"Damascus", "دمشق"}, {"Aleppo", "حلب"}, {"Homs", "حمص"}}},
		{"KW", poolArabic, [][2]string{{"Kuwait City", "مدينة الكويت"}}},
		{"SA", poolArabic, [][2]string{{"Riyadh", "الرياض"}, {"Jeddah", "جدة"}}},
		{"TR", poolTurkic, [][2]string{{"Ankara", ""}, {"Istanbul", ""}, {"Gaziantep", ""}}},
		{"IR", poolTurkic, [][2]string{{"Tehran", ""}, {"Tabriz", ""}}},
	}},
	{"IOM BiH", "BA", 0.26, []country{
		{"BA", poolBalkan, [][2]string{{"Sarajevo", ""}, {"Mostar", ""}, {"Tuzla", ""}, {"Banja Luka", ""}, {"Bihać", ""}, {"Zenica", ""}}},
		{"RS", poolBalkan, [][2]string{{"Belgrade", ""}, {"Novi Pazar", ""}, {"Niš", ""}}},
		{"HR", poolBalkan, [][2]string{{"Zagreb", ""}, {"Split", ""}}},
		{"ME", poolBalkan, [][2]string{{"Podgorica", ""}}},
		{"MK", poolBalkan, [][2]string{{"Skopje", ""}, {"Tetovo", ""}}},
		{"AL", poolBalkan, [][2]string{{"Tirana", ""}, {"Shkodër", ""}}},
	}},
	{"IOM Jordan", "JO", 0.18, []country{
		{"JO", poolArabic, [][2]string{{"Amman", "عمّان"}, {"Irbid", "إربد"}, {"Zarqa", "الزرقاء"}}},
		{"PS", poolArabic, [][2]string{{"Ramallah", "رام الله"}, {"Hebron", "الخليل"}}},
		{"EG", poolArabic, [][2]string{{"Cairo", "القاهرة"}, {"Alexandria", "الإسكندرية"}}},
		{"LB", poolArabic, [][2]string{{"Beirut", "بيروت"}, {"Tripoli", "طرابلس"}, {"Sidon", "صيدا"}}},
		{"YE", poolArabic, [][2]string{{"Sana'a", "صنعاء"}, {"Aden", "عدن"}}},
		{"OM", poolArabic, [][2]string{{"Muscat", "مسقط"}}},
	}},
	{"IOM Tunisia", "TN", 0.14, []country{
		{"TN", poolArabic, [][2]string{{"Tunis", "تونس"}, {"Sfax", "صفاقس"}}},
		{"LY", poolArabic, [][2]string{{"Tripoli", "طرابلس"}, {"Benghazi", "بنغازي"}}},
		{"DZ", poolArabic, [][2]string{{"Algiers", "الجزائر"}, {"Oran", "وهران"}}},
		{"MA", poolArabic, [][2]string{{"Rabat", "الرباط"}, {"Casablanca", "الدار البيضاء"}}},
		{"MR", poolArabic, [][2]string{{"Nouakchott", "نواكشوط"}}},
		{"SD", poolArabic, [][2]string{{"Khartoum", "الخرطوم"}, {"Port Sudan", "بورتسودان"}}},
	}},
	{"IOM Regional Office Vienna", "AT", 0.08, []country{
		{"AT", poolEuropean, [][2]string{{"Vienna", ""}, {"Graz", ""}}},
		{"DE", poolEuropean, [][2]string{{"Berlin", ""}, {"Munich", ""}}},
		{"CH", poolEuropean, [][2]string{{"Geneva", ""}, {"Bern", ""}}},
		{"IT", poolEuropean, [][2]string{{"Rome", ""}, {"Milan", ""}}},
		{"FR", poolEuropean, [][2]string{{"Paris", ""}, {"Lyon", ""}}},
		{"BE", poolEuropean, [][2]string{{"Brussels", ""}}},
	}},
}

// person names: Latin, and the Arabic form in the Arabic pool.
type name struct {
	latin, arabic string
	female        bool
}

var givenNames = [4][]name{
	poolArabic: {{"Ali", "علي", false}, {"Zainab", "زينب", true}, {"Hussein", "حسين", false}, {"Noor", "نور", true},
		{"Mustafa", "مصطفى", false}, {"Fatima", "فاطمة", true}, {"Omar", "عمر", false}, {"Huda", "هدى", true},
		{"Karim", "كريم", false}, {"Layla", "ليلى", true}, {"Ahmed", "أحمد", false}, {"Maryam", "مريم", true},
		{"Yousef", "يوسف", false}, {"Rana", "رنا", true}, {"Khaled", "خالد", false}, {"Samira", "سميرة", true},
		{"Tariq", "طارق", false}, {"Aisha", "عائشة", true}, {"Hassan", "حسن", false}, {"Salma", "سلمى", true},
		{"Ibrahim", "إبراهيم", false}, {"Dalia", "داليا", true}, {"Mahmoud", "محمود", false}, {"Reem", "ريم", true}},
	poolBalkan: {{"Amra", "", true}, {"Emir", "", false}, {"Lejla", "", true}, {"Tarik", "", false}, {"Selma", "", true},
		{"Adnan", "", false}, {"Jasmina", "", true}, {"Haris", "", false}, {"Merima", "", true}, {"Kenan", "", false},
		{"Aida", "", true}, {"Nermin", "", false}, {"Dženana", "", true}, {"Mirza", "", false}, {"Vesna", "", true},
		{"Dragan", "", false}, {"Ivana", "", true}, {"Goran", "", false}, {"Maja", "", true}, {"Đorđe", "", false}},
	poolEuropean: {{"Anna", "", true}, {"Lukas", "", false}, {"Sophie", "", true}, {"Marco", "", false}, {"Claire", "", true},
		{"Jonas", "", false}, {"Giulia", "", true}, {"Pierre", "", false}, {"Elena", "", true}, {"Thomas", "", false},
		{"Léa", "", true}, {"Matteo", "", false}, {"Hannah", "", true}, {"Julien", "", false}},
	poolTurkic: {{"Ayşe", "", true}, {"Mehmet", "", false}, {"Elif", "", true}, {"Mustafa", "", false}, {"Zeynep", "", true},
		{"Emre", "", false}, {"Parisa", "", true}, {"Reza", "", false}, {"Maryam", "", true}, {"Dariush", "", false}},
}

var familyNames = [4][]name{
	poolArabic: {{"Al-Jubouri", "الجبوري", false}, {"Al-Obaidi", "العبيدي", false}, {"Hassan", "حسن", false},
		{"Kadhim", "كاظم", false}, {"Al-Rubaie", "الربيعي", false}, {"Saleh", "صالح", false}, {"Haddad", "حداد", false},
		{"Khalil", "خليل", false}, {"Mansour", "منصور", false}, {"Nasser", "ناصر", false}, {"Al-Tamimi", "التميمي", false},
		{"Abdullah", "عبدالله", false}, {"Al-Hashimi", "الهاشمي", false}, {"Farouk", "فاروق", false}, {"Qasim", "قاسم", false},
		{"Al-Masri", "المصري", false}, {"Darwish", "درويش", false}, {"Yassin", "ياسين", false}},
	poolBalkan: {{"Hodžić", "", false}, {"Begić", "", false}, {"Kovačević", "", false}, {"Delić", "", false},
		{"Mehmedović", "", false}, {"Softić", "", false}, {"Čaušević", "", false}, {"Đurić", "", false},
		{"Hadžiahmetović", "", false}, {"Jovanović", "", false}, {"Petrović", "", false}, {"Mujić", "", false},
		{"Šehić", "", false}, {"Marković", "", false}, {"Hoxha", "", false}, {"Krasniqi", "", false}},
	poolEuropean: {{"Müller", "", false}, {"Rossi", "", false}, {"Dubois", "", false}, {"Schmidt", "", false},
		{"Bianchi", "", false}, {"Martin", "", false}, {"Weber", "", false}, {"Lefèvre", "", false}, {"Gruber", "", false},
		{"Romano", "", false}, {"Peeters", "", false}, {"Fischer", "", false}},
	poolTurkic: {{"Yılmaz", "", false}, {"Kaya", "", false}, {"Demir", "", false}, {"Şahin", "", false},
		{"Çelik", "", false}, {"Hosseini", "", false}, {"Rahimi", "", false}, {"Karimi", "", false}},
}

// Organization types with their share, and how their names are made.
var orgTypes = []struct {
	typ, level string
	weight     float64
}{
	{"ngo", "local", 30}, {"local_government", "local", 14}, {"community_group", "local", 10}, {"youth_group", "local", 8},
	{"academic", "national", 6}, {"media", "national", 5}, {"private_sector", "national", 6}, {"faith_based", "local", 4},
	{"government_agency", "national", 6}, {"parliament", "national", 0.3}, {"national_committee", "national", 0.7},
	{"international_organization", "international", 2}, {"un_agency", "international", 1}, {"donor", "international", 2},
	{"other", "regional", 2},
}

// Name parts, Latin and Arabic.
var (
	orgAdjectives = [][2]string{{"Youth", "الشباب"}, {"Women's", "النساء"}, {"Civic", "المدني"}, {"Community", "المجتمع"},
		{"Green", "الأخضر"}, {"Independent", "المستقل"}, {"United", "المتحد"}, {"Humanitarian", "الإنساني"},
		{"Democratic", "الديمقراطي"}, {"National", "الوطني"}, {"Regional", "الإقليمي"}, {"Free", "الحر"}}
	orgTopics = [][2]string{{"Dialogue", "الحوار"}, {"Development", "التنمية"}, {"Rights", "الحقوق"}, {"Peace", "السلام"},
		{"Education", "التعليم"}, {"Health", "الصحة"}, {"Culture", "الثقافة"}, {"Environment", "البيئة"},
		{"Media", "الإعلام"}, {"Reconciliation", "المصالحة"}, {"Migration", "الهجرة"}, {"Inclusion", "الإدماج"}}
	orgNouns = [][2]string{{"Initiative", "مبادرة"}, {"Network", "شبكة"}, {"Forum", "منتدى"}, {"Association", "جمعية"},
		{"Foundation", "مؤسسة"}, {"Centre", "مركز"}, {"Council", "مجلس"}, {"Alliance", "تحالف"}, {"Union", "اتحاد"},
		{"Society", "جمعية"}}
	ministries = [][2]string{
		{"Ministry of Interior", "وزارة الداخلية"}, {"Ministry of Education", "وزارة التربية"},
		{"Ministry of Youth and Sports", "وزارة الشباب والرياضة"}, {"Ministry of Justice", "وزارة العدل"},
		{"Ministry of Labour and Social Affairs", "وزارة العمل والشؤون الاجتماعية"},
		{"Ministry of Migration and Displacement", "وزارة الهجرة والمهجرين"}, {"Ministry of Health", "وزارة الصحة"},
		{"Ministry of Foreign Affairs", "وزارة الخارجية"}, {"Ministry of Planning", "وزارة التخطيط"},
		{"Ministry of Culture", "وزارة الثقافة"}}
	directorates = [][2]string{{"Directorate of Planning", "مديرية التخطيط"}, {"Directorate of Community Affairs", "مديرية شؤون المجتمع"},
		{"Directorate of Training", "مديرية التدريب"}, {"Directorate of Statistics", "مديرية الإحصاء"},
		{"Directorate of Legal Affairs", "مديرية الشؤون القانونية"}}
)

var (
	titles = []string{"Director", "Head of Department", "Adviser", "Programme Officer", "Coordinator", "Deputy Minister",
		"Chief of Staff", "Project Manager", "Researcher", "Spokesperson", "Board Member", "Volunteer Lead", "Mayor", "Counsellor"}
	topics = []string{"youth engagement", "community policing", "returnee reintegration", "referral mechanisms",
		"gender-responsive prevention", "local action plans", "hate speech online", "psychosocial support",
		"school-based prevention", "displacement and durable solutions", "social cohesion grants", "municipal budgeting",
		"civil society partnerships", "data protection in case management", "labour migration", "border management",
		"climate and mobility", "counter-trafficking", "diaspora engagement", "health and migration"}
	interactionSubjects = []struct{ kind, text string }{
		{"meeting", "Coordination meeting on %s"}, {"call", "Follow-up call on %s"}, {"workshop", "Workshop: %s"},
		{"site_visit", "Site visit: %s in practice"}, {"email", "Exchange of documents on %s"},
		{"event", "Round table on %s"}, {"meeting", "Bilateral meeting: %s"}, {"message", "Message about %s"},
		{"reception", "Reception on %s"}}
	followUps = []string{"Share the meeting notes", "Send the draft terms of reference", "Propose dates for the next session",
		"Circulate the training agenda", "Provide the list of focal points", "Send comments on the draft action plan",
		"Confirm the venue and logistics", "Share the budget breakdown", "Introduce the partner to the ministry",
		"Send the survey results", "Prepare the joint statement", "Nominate participants for the training"}
	themes = [][2]string{{"pve", "Preventing violent extremism"}, {"gender", "Gender-inclusive approaches"},
		{"local-national-coordination", "Local–national coordination"}, {"civil-society", "Civil society"},
		{"youth", "Youth"}, {"migration", "Migration and displacement"}, {"social-cohesion", "Social cohesion"},
		{"protection", "Protection"}, {"livelihoods", "Livelihoods"}, {"climate", "Climate and environment"}}
	visitKinds = []string{"study_visit", "delegation_visit", "field_visit", "conference", "event", "other"}
	languages  = [4][]string{poolArabic: {"ar", "en"}, poolBalkan: {"bs", "en"}, poolEuropean: {"de", "fr", "en"}, poolTurkic: {"tr", "en"}}
)
