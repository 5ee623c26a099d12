using CertManager.Core.Results;

namespace CertManager.Core.Import;

/// <summary>A key read from an input, or the problem that stopped it.</summary>
internal readonly record struct KeyReadOutcome(ImportedKey? Key, Problem? Problem)
{
    public static implicit operator KeyReadOutcome(ImportedKey key) => new(key, null);

    public static implicit operator KeyReadOutcome(Problem problem) => new(null, problem);
}
