package evaluate

import "strings"

// isLambdaWildcardOnly reports whether name (an action name without the
// "lambda:" prefix, in any case) is one of the Lambda actions that have no
// resource type in the Service Authorization Reference (the actions marked
// wildcardResourceOnly in its Lambda data, dataset of 2026-09-26). Such
// actions are authorized against "*", and only a statement whose Resource
// lists the literal "*" grants or denies them (rule M3.4). The table is a
// stand-in for the service catalog; WithWildcardOnlyActions replaces it.
func isLambdaWildcardOnly(name string) bool {
	switch len(name) {
	case 10:
		return strings.EqualFold(name, "ListLayers")
	case 12:
		return strings.EqualFold(name, "ListMicrovms")
	case 13:
		return strings.EqualFold(name, "ListFunctions")
	case 14:
		return strings.EqualFold(name, "ConnectMicrovm")
	case 17:
		return strings.EqualFold(name, "ListLayerVersions") ||
			strings.EqualFold(name, "ListMicrovmImages")
	case 18:
		return strings.EqualFold(name, "CreateMicrovmImage") ||
			strings.EqualFold(name, "GetAccountSettings")
	case 20:
		return strings.EqualFold(name, "PassNetworkConnector")
	case 21:
		return strings.EqualFold(name, "ListCapacityProviders") ||
			strings.EqualFold(name, "ListNetworkConnectors")
	case 22:
		return strings.EqualFold(name, "ListCodeSigningConfigs")
	case 23:
		return strings.EqualFold(name, "CreateCodeSigningConfig") ||
			strings.EqualFold(name, "ListEventSourceMappings")
	case 24:
		return strings.EqualFold(name, "CreateEventSourceMapping") ||
			strings.EqualFold(name, "ListManagedMicrovmImages")
	}
	return false
}
