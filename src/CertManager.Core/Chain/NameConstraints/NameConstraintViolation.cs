namespace CertManager.Core.Chain.NameConstraints;

/// <summary>
/// A name of the certificate at <paramref name="Index"/> that the name constraints of the CA at
/// <paramref name="ConstrainingIndex"/> do not allow: outside every permitted subtree of its form, or inside an excluded one.
/// </summary>
internal sealed record NameConstraintViolation(int Index, GeneralName Name, int ConstrainingIndex, bool Excluded, IReadOnlyList<GeneralName> Subtrees);
