package models

// Organization is a ministry, municipality, NGO, donor or any other body we
// deal with. SearchText is the normalised text the full-text index covers.
type Organization struct {
	Record
	OfficeID    int64
	OwnerID     *int64
	Name        string
	NameLocal   string
	Acronym     string
	Type        string
	Level       *string
	CountryCode *string
	City        string
	ParentID    *int64
	Website     string
	Email       string
	Phone       string
	Description string
	Influence   *int
	Interest    *int
	SearchText  string
	SortKey     string // the folded name (sort_key.go)

	// MergedIntoID names the organization this one was merged into (then
	// archived); nil for every other.
	MergedIntoID *int64
}
