module github.com/lambdaiam/lambdaiam/bench

go 1.26.6

require (
	github.com/cedar-policy/cedar-go v1.9.1
	github.com/lambdaiam/lambdaiam v0.0.0
	github.com/seaweedfs/seaweedfs v0.0.0-20261109003541-7506e5f91cd6
)

require (
	github.com/aws/aws-sdk-go v1.55.8 // indirect
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/gorilla/mux v1.8.1 // indirect
	github.com/jmespath/go-jmespath v0.4.0 // indirect
	github.com/tidwall/gjson v1.20.2 // indirect
	github.com/tidwall/match v1.2.0 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
	golang.org/x/exp v0.0.0-20260813180055-c1d0aacb2297 // indirect
)

replace github.com/lambdaiam/lambdaiam => ../
