namespace CertManager.Core.Chain.NameConstraints;

/// <summary>
/// What <see cref="NameConstraintChecker"/> found on a path. <see cref="Undecidable"/> when a constraint or a name is of
/// a form it does not evaluate (otherName, x400Address, …) or a constraint could not be read: the platform's verdict stands.
/// </summary>
internal sealed record NameConstraintVerdict(IReadOnlyList<NameConstraintViolation> Violations, bool Undecidable)
{
    public bool Satisfied => Violations.Count == 0 && !Undecidable;
}
