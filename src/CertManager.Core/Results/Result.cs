namespace CertManager.Core.Results;

/// <summary>The outcome of a service call: a value, or the problems that stopped it. Warnings may ride along with a value.</summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<Problem> problems, bool succeeded)
    {
        _value = value;
        Problems = problems;
        Succeeded = succeeded;
    }

    public bool Succeeded { get; }

    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>The value; reading it from a failed result is a bug.</summary>
    public T Value => Succeeded
        ? _value!
        : throw new InvalidOperationException("A failed result has no value; check Succeeded first.");

    public static Result<T> Success(T value, IReadOnlyList<Problem>? warnings = null) =>
        new(value, warnings ?? [], succeeded: true);

    public static Result<T> Failure(IReadOnlyList<Problem> problems)
    {
        if (problems.Count == 0)
        {
            throw new ArgumentException("A failure needs at least one problem.", nameof(problems));
        }

        return new(default, problems, succeeded: false);
    }

    public static Result<T> Failure(Problem problem) => Failure([problem]);

    public static implicit operator Result<T>(Problem problem) => Failure(problem);
}
