package cards

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong in a content file, explained in Dutch for the
// person who edits the content.
type Problem struct {
	// File is the file the problem is in, as Load or LoadDir was given it.
	File string
	// Line is the line in File, from 1; 0 when the problem concerns the
	// whole file.
	Line int
	// Msg says what is wrong and, where it helps, what to do about it.
	Msg string
}

// String returns the problem as "file:line: message", or "file: message"
// without a line.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem Load found in a body of content. Load returns it
// as its error, so a content editor sees everything to fix at once.
type Problems []Problem

// Error returns one problem per line, sorted by file, then line.
func (ps *Problems) Error() string {
	sorted := slices.Clone(*ps)
	sortProblems(sorted)
	lines := make([]string, len(sorted))
	for i, p := range sorted {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// add records a problem.
func (ps *Problems) add(file string, line int, format string, args ...any) {
	*ps = append(*ps, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// sortProblems sorts by file, then line, keeping the order of discovery
// among problems on the same line.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}
