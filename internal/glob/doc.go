// Package glob matches strings against IAM wildcard patterns without
// regular expressions and in time that never grows exponentially.
//
// It implements the glob primitive of the IAM policy language (IAM User
// Guide, "IAM JSON policy elements: Resource" and "IAM JSON policy
// elements: Condition operators", string and ARN operators), in this order:
//
//  1. A pattern is a sequence of tokens. Parse turns '*' into Star, '?' into
//     Quest and every other run of bytes into a Literal. There is no
//     escaping and there are no character classes.
//  2. Star matches any run of characters, including none; Quest matches
//     exactly one character. StarNoColon and QuestNoColon do the same but
//     never match ':'; package arn uses them for the first five parts of an
//     ARN pattern.
//  3. A character is one UTF-8 encoded rune; a byte that does not start a
//     valid encoding is a character of its own.
//  4. Literal text is compared exactly, or, for MatchFold and MatchTokens
//     with fold set, under simple Unicode case folding as strings.EqualFold
//     does (bytes that are not valid UTF-8 equal only themselves).
//  5. The match is anchored at both ends.
//
// Matching is greedy: the Star tokens split a pattern into segments, the
// first segment is anchored at the start of the string, the last at its
// end, and each segment in between is placed at its earliest-ending
// occurrence. A segment that contains StarNoColon runs as a small
// bit-set automaton. Match, MatchFold and MatchTokens do not allocate
// (except MatchTokens for a StarNoColon segment longer than 1023 positions).
package glob
