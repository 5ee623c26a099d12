using Xunit.Abstractions;
using Xunit.Sdk;

namespace CertManager.Testing;

/// <summary>Runs a class's tests in the order their <see cref="RunOrderAttribute"/> gives (tests without one first, by name).</summary>
public sealed class RunOrderOrderer : ITestCaseOrderer
{
    public const string TypeName = "CertManager.Testing.RunOrderOrderer";
    public const string AssemblyName = "CertManager.Testing";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => Order(t)).ThenBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);

    private static int Order(ITestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttributes(typeof(RunOrderAttribute).AssemblyQualifiedName)
            .Select(a => (int)a.GetConstructorArguments().First())
            .DefaultIfEmpty(0)
            .First();
}
