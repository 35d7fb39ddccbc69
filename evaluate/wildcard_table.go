package evaluate

// isWildcardOnly reports whether action ("service:Name", any case) needs
// a literal "*" Resource (rule M3.4): the caller's WithWildcardOnlyActions
// function when given, else the catalog, which lists every action of its
// services that has no resource type in the Service Authorization
// Reference (lambda:ListFunctions, lambda:GetAccountSettings,
// sts:GetCallerIdentity, ec2:DescribeSubnets, ...). It does not allocate.
func (c *config) isWildcardOnly(action string) bool {
	if c.wildcardOnly != nil {
		return c.wildcardOnly(action)
	}
	return c.catalog().WildcardOnly(action)
}
