namespace CertManager.Testing;

/// <summary>
/// The place of a test in its class under <see cref="RunOrderOrderer"/>: lower first. For a class whose last test
/// destroys part of an expensive shared fixture (kills a node), so that the others need not rebuild it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunOrderAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
