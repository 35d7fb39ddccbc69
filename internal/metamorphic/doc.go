// Package metamorphic checks the evaluator against itself: it transforms
// generated authorization cases in ways whose effect on the decision AWS's
// evaluation logic fixes, and reports every case where the decision moves
// the wrong way, shrunk to a small case in the case format.
//
// The relations follow the IAM User Guide's "Policy evaluation logic" and
// "IAM JSON policy elements" pages (rule ids of the project's semantics
// spec in parentheses). For a case whose decision is D and a variant whose
// decision is D':
//
//  1. add-deny (E3.1): a Deny statement added to any policy (a copy of one
//     of its statements, or one naming the request's action) leaves D or
//     makes it ExplicitDeny.
//  2. remove-allow (E1): removing an Allow statement leaves D, or turns
//     Allow into ImplicitDeny.
//  3. add-allow (E1): adding an Allow statement leaves D, or turns
//     ImplicitDeny into Allow.
//  4. remove-deny (E3.1): removing a Deny statement leaves D unless D is
//     ExplicitDeny.
//  5. add-boundary (E3.6), add-session-policy (E3.7), add-scp-level
//     (E3.3): a permissions boundary where there was none, a session
//     policy for a role or role session without one (a federated user
//     without one has no permissions at all, so adding one is no
//     narrowing), or a new SCP level never widen: no new Allow, and an
//     ExplicitDeny stays. A boundary may add an ExplicitDeny: NotPrincipal
//     with Deny applies to every principal with a boundary (G.22).
//  6. rename-sids (G6), reorder (E1): new Sids, valid for every kind, and
//     any order of statements, identity policies, SCP levels and the
//     policies of a level leave D.
//  7. fold-action-case (M2), fold-request-action-case (M2),
//     fold-condition-key-case (C6), fold-context-key-case (C6): another
//     case in the action names of Action and NotAction, in the request's
//     action, in condition key names (not operators, not values) and in
//     the request's context key names leaves D.
//  8. explicit-deny-reason (E8): an ExplicitDeny names at least one Deny
//     statement, and each one it names, alone in a policy of its slot,
//     denies the request explicitly.
//  9. decide-evaluate: Decide and Evaluate agree on every case and
//     variant.
//
// Cases come from internal/difftest's generator through internal/caseload,
// and every transformation keeps them valid input: a sample of variants is
// written out and parsed again. A transformation's choices are made by
// hashing what it chooses among, so that the shrinker, which removes
// policies, levels, statements, list entries, conditions, values and
// context keys one at a time while the relation still fails, meets the
// same choices on smaller cases.
package metamorphic
