// Package schema is the shape of the catalog's embedded data: the
// generator writes it and the catalog package decodes it, from these one
// set of types.
package schema

// File is the whole embedded catalog.
type File struct {
	Package      string            `json:"package"`
	Version      string            `json:"version"`
	UpdatedAt    string            `json:"updatedAt"`
	ServiceNames map[string]string `json:"serviceNames"`
	RCPServices  []string          `json:"rcpServices"`
	GlobalKeys   []Key             `json:"globalKeys"`
	Services     []Service         `json:"services"`
}

// Service is one service's actions, resource types and condition keys.
type Service struct {
	Prefix        string     `json:"prefix"`
	Name          string     `json:"name"`
	Actions       []Action   `json:"actions"`
	ResourceTypes []Resource `json:"resourceTypes"`
	Keys          []Key      `json:"keys"`
}

// Action is one IAM action.
type Action struct {
	Name             string   `json:"name"`
	Description      string   `json:"description,omitempty"`
	AccessLevel      []string `json:"accessLevel"`
	ResourceTypes    []Ref    `json:"resourceTypes,omitempty"`
	ConditionKeys    []string `json:"conditionKeys,omitempty"`
	DependentActions []string `json:"dependentActions,omitempty"`
	APIOperations    []string `json:"apiOperations,omitempty"`
}

// Ref is a resource type an action takes.
type Ref struct {
	Name             string   `json:"name"`
	Required         bool     `json:"required,omitempty"`
	ConditionKeys    []string `json:"conditionKeys,omitempty"`
	DependentActions []string `json:"dependentActions,omitempty"`
}

// Resource is a resource type with its ARN pattern.
type Resource struct {
	Name          string   `json:"name"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys,omitempty"`
}

// Key is a condition key with its type.
type Key struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
}
