package demo

import (
	"liaison/services"
)

// studyVisit enters the canonical scenario: the study visit of Iraq's
// National Committee for the Implementation of the National Strategy to
// Counter Violent Extremism to Bosnia and Herzegovina, organised by IOM Iraq
// and IOM BiH with Violence Prevention Network (SIMVEX), funded by the
// Government of Canada; and the follow-ups an officer wrote after it.
func (l *loader) studyVisit() error {
	bih := l.actors["officer@demo.liaison"]
	iraq := l.actors["officer.iraq@demo.liaison"]
	admin := l.actors["admin@demo.liaison"]
	org := func(a services.Actor, in services.OrganizationInput) (int64, error) {
		v, err := l.svc.Organizations.Create(l.ctx, a, in)
		l.sum.Organizations++
		return v.ID, err
	}
	var err error
	must := func(id int64, e error) int64 {
		if err == nil {
			err = e
		}
		return id
	}

	canada := must(org(admin, services.OrganizationInput{Name: "Government of Canada", NameLocal: "Gouvernement du Canada", Type: "donor",
		Level: ptr("national"), CountryCode: ptr("CA"), Influence: ptr(4), Interest: ptr(4), Website: "https://www.canada.ca",
		Description: "Funds the SIMVEX exchange between Iraq and Bosnia and Herzegovina.", Tags: []string{"sdg-17"}}))
	vpn := must(org(bih, services.OrganizationInput{Name: "Violence Prevention Network", Acronym: "VPN", Type: "ngo", Level: ptr("international"),
		CountryCode: ptr("DE"), City: "Berlin", Influence: ptr(3), Interest: ptr(5), Website: "https://violence-prevention-network.de",
		Description: "Partner in the SIMVEX project; methodology of deradicalisation and prevention work.", Tags: []string{"pve", "civil-society"}}))
	committee := must(org(iraq, services.OrganizationInput{
		Name:      "National Committee for the Implementation of the National Strategy to Counter Violent Extremism Conducive to Terrorism",
		NameLocal: "اللجنة الوطنية لتنفيذ الاستراتيجية الوطنية لمكافحة التطرف العنيف المؤدي إلى الإرهاب", Acronym: "NC-PVE",
		Type: "national_committee", Level: ptr("national"), CountryCode: ptr("IQ"), City: "Baghdad", Influence: ptr(5), Interest: ptr(5),
		Description: "Coordinates the Government of Iraq's national PVE strategy.", Tags: []string{"pve", "sdg-16"}}))
	ministry := must(org(bih, services.OrganizationInput{Name: "Ministry of Security of Bosnia and Herzegovina",
		NameLocal: "Ministarstvo sigurnosti Bosne i Hercegovine", Acronym: "MSBiH", Type: "ministry", Level: ptr("national"),
		CountryCode: ptr("BA"), City: "Sarajevo", Influence: ptr(5), Interest: ptr(4), Website: "http://www.msb.gov.ba",
		Description: "Owns BiH's strategy for preventing and countering terrorism.", Tags: []string{"pve", "sdg-16"}}))
	federation := must(org(bih, services.OrganizationInput{Name: "Government of the Federation of Bosnia and Herzegovina",
		NameLocal: "Vlada Federacije Bosne i Hercegovine", Type: "government_agency", Level: ptr("regional"), CountryCode: ptr("BA"),
		City: "Sarajevo", Influence: ptr(4), Interest: ptr(3), Tags: []string{"local-national-coordination"}}))
	canton := must(org(bih, services.OrganizationInput{Name: "Zenica-Doboj Canton", NameLocal: "Zeničko-dobojski kanton", Type: "local_government",
		Level: ptr("regional"), CountryCode: ptr("BA"), City: "Zenica", ParentID: &federation, Influence: ptr(3), Interest: ptr(4)}))
	zenica := must(org(bih, services.OrganizationInput{Name: "City of Zenica", NameLocal: "Grad Zenica", Type: "local_government",
		Level: ptr("local"), CountryCode: ptr("BA"), City: "Zenica", ParentID: &canton, Influence: ptr(4), Interest: ptr(5),
		Description: "Local action team on prevention; participatory budgeting for community PVE initiatives.", Tags: []string{"pve", "youth", "local-national-coordination"}}))
	youthCouncil := must(org(bih, services.OrganizationInput{Name: "Youth Council of the City of Zenica", NameLocal: "Vijeće mladih Grada Zenica",
		Type: "youth_group", Level: ptr("local"), CountryCode: ptr("BA"), City: "Zenica", ParentID: &zenica, Interest: ptr(5), Tags: []string{"youth"}}))
	parents := must(org(bih, services.OrganizationInput{Name: "Parents' Network Zenica", NameLocal: "Mreža roditelja Zenica", Type: "community_group",
		Level: ptr("local"), CountryCode: ptr("BA"), City: "Zenica", Interest: ptr(4), Tags: []string{"youth", "social-cohesion"}}))
	if err != nil {
		return err
	}
	// How the story's organizations stand to one another (the network view).
	for _, r := range []services.RelationshipInput{
		{FromOrganizationID: vpn, ToOrganizationID: committee, Kind: "partner_of", Note: "SIMVEX methodology partner"},
		{FromOrganizationID: committee, ToOrganizationID: ministry, Kind: "coordinates_with", Note: "Study visit counterparts"},
		{FromOrganizationID: parents, ToOrganizationID: youthCouncil, Kind: "coordinates_with"},
	} {
		if _, err := l.svc.Relationships.Create(l.ctx, bih, r); err != nil {
			return err
		}
	}

	simvex, err := l.svc.Projects.Create(l.ctx, admin, services.ProjectInput{Code: "SIMVEX", Name: "SIMVEX — exchange on preventing violent extremism",
		Description:         "Exchange of expertise on PVE between Iraq and Bosnia and Herzegovina, with Violence Prevention Network.",
		DonorOrganizationID: &canada, StartDate: ptr(l.day(-300)), EndDate: ptr(l.day(200))})
	if err != nil {
		return err
	}
	if _, err := l.svc.Projects.Create(l.ctx, admin, services.ProjectInput{Code: "BHRI", Name: "Bosnia and Herzegovina Resilience Initiative",
		Description: "Resilient communities and whole-of-society prevention across BiH.", StartDate: ptr(l.day(-900))}); err != nil {
		return err
	}
	if _, err := l.svc.Projects.Create(l.ctx, admin, services.ProjectInput{Code: "YOUTH-BIH",
		Name: "Providing support to youth in local communities in Bosnia and Herzegovina", StartDate: ptr(l.day(-700))}); err != nil {
		return err
	}
	l.sum.Projects = 3

	person := func(a services.Actor, in services.ContactInput) (int64, error) {
		v, err := l.svc.Contacts.Create(l.ctx, a, in)
		l.sum.Contacts++
		return v.ID, err
	}
	ali := must(person(iraq, services.ContactInput{Honorific: "Mr", GivenName: "Ali", FamilyName: "Abdullah", NameLocal: "علي عبدالله",
		Gender: ptr("male"), Languages: []string{"ar", "en"}, CountryCode: ptr("IQ"), City: "Baghdad", ConsentBasis: ptr("public_role"),
		Positions: []services.PositionInput{{OrganizationID: committee, Title: "President", StartDate: ptr(l.day(-800)), Primary: true}}}))
	delegate := must(person(iraq, services.ContactInput{Honorific: "Dr", GivenName: "Huda", FamilyName: "Kadhim", NameLocal: "هدى كاظم",
		Gender: ptr("female"), Languages: []string{"ar", "en"}, CountryCode: ptr("IQ"), ConsentBasis: ptr("public_role"),
		Positions: []services.PositionInput{{OrganizationID: committee, Title: "Member, gender focal point", Primary: true}}}))
	official := must(person(bih, services.ContactInput{Honorific: "Mr", GivenName: "Senad", FamilyName: "Mehmedović", Gender: ptr("male"),
		Languages: []string{"bs", "en"}, CountryCode: ptr("BA"), City: "Sarajevo", ConsentBasis: ptr("public_role"),
		Positions: []services.PositionInput{
			{OrganizationID: ministry, Title: "Head of the PVE coordination unit", StartDate: ptr(l.day(-500)), Primary: true},
			{OrganizationID: federation, Title: "Adviser", StartDate: ptr(l.day(-1500)), EndDate: ptr(l.day(-501))},
		}}))
	mayorOffice := must(person(bih, services.ContactInput{Honorific: "Ms", GivenName: "Merima", FamilyName: "Đulović", Gender: ptr("female"),
		Languages: []string{"bs"}, CountryCode: ptr("BA"), City: "Zenica", ConsentBasis: ptr("public_role"),
		Positions: []services.PositionInput{{OrganizationID: zenica, Title: "Coordinator, local action team", Primary: true}}}))
	vpnTrainer := must(person(bih, services.ContactInput{GivenName: "Jonas", FamilyName: "Weber", Gender: ptr("male"), Languages: []string{"de", "en"},
		CountryCode: ptr("DE"), ConsentBasis: ptr("legitimate_interest"),
		Positions: []services.PositionInput{{OrganizationID: vpn, Title: "Programme manager, Western Balkans", Primary: true}}}))
	// Youth and parents met in Zenica: restricted, visible to IOM BiH only.
	youth1 := must(person(bih, services.ContactInput{GivenName: "Adna", FamilyName: "Hodžić", Gender: ptr("female"), City: "Zenica",
		CountryCode: ptr("BA"), Restricted: true, ConsentBasis: ptr("consent"), Notes: "Youth council member; met with parental consent.",
		Positions: []services.PositionInput{{OrganizationID: youthCouncil, Title: "Member"}}}))
	youth2 := must(person(bih, services.ContactInput{GivenName: "Kenan", FamilyName: "Čaušević", Gender: ptr("male"), City: "Zenica",
		CountryCode: ptr("BA"), Restricted: true, ConsentBasis: ptr("consent"),
		Positions: []services.PositionInput{{OrganizationID: youthCouncil, Title: "Member"}}}))
	parent := must(person(bih, services.ContactInput{GivenName: "Sabina", FamilyName: "Hodžić", Gender: ptr("female"), City: "Zenica",
		CountryCode: ptr("BA"), Restricted: true, ConsentBasis: ptr("consent"),
		Positions: []services.PositionInput{{OrganizationID: parents, Title: "Parent volunteer"}}}))
	if err != nil {
		return err
	}

	start := -63 // nine weeks ago
	visit, err := l.svc.Visits.Create(l.ctx, bih, services.VisitInput{
		Title: "Study visit of Iraq's National Committee on PVE to Bosnia and Herzegovina", Kind: "study_visit", Status: "completed",
		Purpose:   "Exchange expertise and best practices in preventing violent extremism with BiH counterparts: gender-inclusive strategy, local–national coordination and the role of civil society.",
		Outcomes:  "The Committee saw BiH's national strategy and its local action teams at work, and heard from youth and parents in Zenica about the whole-of-society approach. Follow-ups agreed on translation, a gender-inclusive action plan and a virtual exchange with Zenica.",
		StartDate: l.day(start), EndDate: l.day(start + 4), OriginCountryCode: ptr("IQ"), HostCountryCode: ptr("BA"), City: "Sarajevo",
		ProjectID: &simvex.ID, Tags: []string{"sdg-5", "sdg-10", "sdg-16", "sdg-17", "pve", "gender", "local-national-coordination", "civil-society"},
		Participants: []services.ParticipantInput{
			{OrganizationID: &committee, Side: "visiting", Role: "delegate"},
			{ContactID: &ali, Side: "visiting", Role: "head_of_delegation"},
			{ContactID: &delegate, Side: "visiting", Role: "delegate"},
			{OrganizationID: &ministry, Side: "host", Role: "host"},
			{OrganizationID: &zenica, Side: "host", Role: "host"},
			{OrganizationID: &vpn, Side: "facilitator", Role: "partner"},
			{OrganizationID: &canada, Side: "funder", Role: "funder"},
		},
		// Organised by IOM BiH and IOM Iraq together: IOM Iraq's officers add
		// their own follow-ups to it.
		PartnerOfficeIDs: []int64{iraq.OfficeID}})
	if err != nil {
		return err
	}
	l.sum.Visits++

	type session struct {
		dayOff, hh, mm int
		kind, subject  string
		city, location string
		summary        string
		restricted     bool
		who            []services.ParticipantInput
		followUps      []services.CommitmentInput
	}
	orgP := func(id int64, role string) services.ParticipantInput {
		return services.ParticipantInput{OrganizationID: &id, Role: role}
	}
	conP := func(id int64, role string) services.ParticipantInput {
		return services.ParticipantInput{ContactID: &id, Role: role}
	}
	manager := l.actors["manager@demo.liaison"]
	sessions := []session{
		{0, 8, 0, "meeting", "BiH's national strategy for preventing and countering terrorism", "Sarajevo", "Ministry of Security",
			"National-level officials presented the strategy, its review cycle and how gender is mainstreamed in it.", false,
			[]services.ParticipantInput{orgP(ministry, "host"), conP(official, "speaker"), orgP(committee, "participant"), conP(ali, "participant"), conP(delegate, "participant")},
			[]services.CommitmentInput{
				{Title: "Share the Arabic translation of BiH's PVE strategy with the Committee", Direction: "ours", OwnerID: &bih.UserID,
					CounterpartOrganizationID: &committee, DueDate: ptr(l.day(start + 21)), Status: "done", Priority: "high",
					ClosureNote: "Sent by email with the unit's summary of the 2021 review.", CompletedAt: ptr(l.at(start+18, 15, 40))},
			}},
		{1, 9, 0, "meeting", "PVE across levels of government: implementation challenges and opportunities", "Sarajevo", "Government of the Federation of BiH",
			"Federation and cantonal representatives on coordinating prevention between the levels of government.", false,
			[]services.ParticipantInput{orgP(federation, "host"), orgP(canton, "speaker"), orgP(committee, "participant")}, nil},
		{1, 17, 30, "reception", "Reception with the international community", "Sarajevo", "Hosted by the Ministry of Security and IOM BiH",
			"Reception with embassies and international organisations engaged in PVE in BiH.", false,
			[]services.ParticipantInput{orgP(ministry, "host"), orgP(canada, "participant"), orgP(vpn, "participant"), orgP(committee, "participant"), conP(ali, "speaker")},
			nil},
		{2, 8, 30, "meeting", "Local budgeting and community participation in PVE programmes", "Zenica", "City Hall, Zenica",
			"The local action team showed how PVE initiatives are budgeted and designed with the community.", false,
			[]services.ParticipantInput{orgP(zenica, "host"), conP(mayorOffice, "speaker"), orgP(committee, "participant")},
			[]services.CommitmentInput{
				{Title: "Organise a virtual exchange between the Committee and Zenica's local action team", Direction: "joint", OwnerID: &bih.UserID,
					CounterpartOrganizationID: &zenica, CounterpartContactID: &mayorOffice, DueDate: ptr(l.day(10)), Status: "in_progress", Priority: "high"},
			}},
		{3, 9, 0, "meeting", "Youth and parents in Zenica", "Zenica", "Youth centre",
			"Young people and parents spoke about the practical side of the whole-of-society approach. Names kept to IOM BiH.", true,
			[]services.ParticipantInput{orgP(youthCouncil, "host"), orgP(parents, "participant"), conP(youth1, "speaker"), conP(youth2, "participant"), conP(parent, "speaker"), orgP(committee, "observer")},
			[]services.CommitmentInput{
				{Title: "Share a summary of the youth and parents' feedback with the Parents' Network", Direction: "ours", OwnerID: &bih.UserID,
					CounterpartOrganizationID: &parents, DueDate: ptr(l.day(-14)), Priority: "normal"},
			}},
		{4, 8, 0, "workshop", "Lessons learned and next steps", "Sarajevo", "IOM BiH",
			"Debrief with Violence Prevention Network: what the Committee takes home for the national strategy.", false,
			[]services.ParticipantInput{orgP(vpn, "organiser"), conP(vpnTrainer, "speaker"), orgP(committee, "participant"), conP(ali, "participant")},
			[]services.CommitmentInput{
				{Title: "Connect the Committee with VPN for a training of trainers", Direction: "ours", OwnerID: &manager.UserID,
					CounterpartOrganizationID: &vpn, CounterpartContactID: &vpnTrainer, DueDate: ptr(l.day(20)), Priority: "normal"},
			}},
	}
	for _, s := range sessions {
		for i := range s.followUps {
			s.followUps[i].VisitID, s.followUps[i].ProjectID = &visit.ID, &simvex.ID
			s.followUps[i].Tags = []string{"pve"}
		}
		if _, err := l.svc.Interactions.Create(l.ctx, bih, services.InteractionInput{
			Kind: s.kind, Status: "held", Subject: s.subject, Summary: s.summary, StartsAt: l.at(start+s.dayOff, s.hh, s.mm),
			Location: s.location, City: s.city, CountryCode: ptr("BA"), VisitID: &visit.ID, ProjectID: &simvex.ID,
			Restricted: s.restricted, Participants: s.who, Tags: []string{"pve"}, Commitments: s.followUps,
		}); err != nil {
			return err
		}
		l.sum.Interactions++
		l.sum.Commitments += len(s.followUps)
	}
	// IOM Iraq's own follow-ups, owned in its office.
	for _, c := range []services.CommitmentInput{
		{Title: "Send the Government of Canada a short note on the visit's results", Direction: "ours", OwnerID: &iraq.UserID,
			CounterpartOrganizationID: &canada, DueDate: ptr(l.day(-30)), Priority: "normal"},
		{Title: "Send the draft gender-inclusive action plan for comments", Direction: "theirs", OwnerID: &iraq.UserID,
			CounterpartOrganizationID: &committee, CounterpartContactID: &delegate, DueDate: ptr(l.day(-7)), Priority: "high"},
	} {
		c.VisitID, c.ProjectID, c.Tags = &visit.ID, &simvex.ID, []string{"pve", "sdg-17"}
		if _, err := l.svc.Commitments.Create(l.ctx, iraq, c); err != nil {
			return err
		}
		l.sum.Commitments++
	}
	// Before the visit: the planning call that started it.
	if _, err := l.svc.Interactions.Create(l.ctx, iraq, services.InteractionInput{Kind: "call", Status: "held",
		Subject: "Planning the study visit to BiH with the Committee", StartsAt: l.at(start-40, 10, 0), City: "Baghdad", CountryCode: ptr("IQ"),
		ProjectID: &simvex.ID, Participants: []services.ParticipantInput{orgP(committee, "participant"), conP(ali, "participant")}}); err != nil {
		return err
	}
	l.sum.Interactions++
	return nil
}
