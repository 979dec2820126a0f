// Package docs holds Rampart's guide as Markdown pages. It has no API: its
// test checks that every Go block a page quotes from a source file appears
// in that file word for word, so the guide cannot drift from code that
// compiles and is tested.
package docs
