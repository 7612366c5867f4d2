package models

// Accessors that generic service code (archive, restore, paging) reads the
// common fields through.

// GetVersion returns the optimistic-concurrency version.
func (r *Record) GetVersion() int64 { return r.Version }

// GetOfficeID returns the office the organization belongs to.
func (o *Organization) GetOfficeID() int64 { return o.OfficeID }

// GetOfficeID returns the office the contact belongs to.
func (c *Contact) GetOfficeID() int64 { return c.OfficeID }

// GetOfficeID returns the office the project belongs to.
func (p *Project) GetOfficeID() int64 { return p.OfficeID }

// GetOfficeID returns the office the visit belongs to.
func (v *Visit) GetOfficeID() int64 { return v.OfficeID }

// GetOfficeID returns the office the interaction belongs to.
func (i *Interaction) GetOfficeID() int64 { return i.OfficeID }

// GetOfficeID returns the office the commitment belongs to.
func (c *Commitment) GetOfficeID() int64 { return c.OfficeID }
