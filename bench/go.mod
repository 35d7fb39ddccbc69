module github.com/lambdaiam/lambdaiam/bench

go 1.26.0

require (
	github.com/cedar-policy/cedar-go v1.9.1
	github.com/lambdaiam/lambdaiam v0.0.0
)

require (
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/tidwall/gjson v1.20.2 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
	golang.org/x/exp v0.0.0-20220921023135-46d9e7742f1e // indirect
)

replace github.com/lambdaiam/lambdaiam => ../
