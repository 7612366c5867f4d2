package api

import "testing"

// Numbers are written as the app's Intl.NumberFormat writes them: the
// language's digits, grouped by three once they are long enough.
func TestNumberStyleGroupsAsTheBrowserDoes(t *testing.T) {
	latin := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	arabic := []string{"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"}
	cases := []struct {
		style numberStyle
		n     int64
		want  string
	}{
		{numberStyle{latin, ",", 4}, 0, "0"},
		{numberStyle{latin, ",", 4}, 999, "999"},
		{numberStyle{latin, ",", 4}, 1234, "1,234"},
		{numberStyle{latin, ",", 4}, 1234567, "1,234,567"},
		{numberStyle{latin, ",", 4}, 100000, "100,000"},
		{numberStyle{latin, ".", 5}, 1234, "1234"}, // 1234 stays whole where the language says so
		{numberStyle{latin, ".", 5}, 12345, "12.345"},
		{numberStyle{arabic, "٬", 4}, 10234, "١٠٬٢٣٤"},
		{numberStyle{}, 1234, "1234"}, // no style read: plain digits
	}
	for _, c := range cases {
		if got := c.style.format(c.n); got != c.want {
			t.Errorf("%v %d: got %q, want %q", c.style, c.n, got, c.want)
		}
	}
}
