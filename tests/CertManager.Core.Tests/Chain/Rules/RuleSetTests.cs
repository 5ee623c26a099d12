using CertManager.Core.Chain.Rules;

namespace CertManager.Core.Tests.Chain.Rules;

/// <summary>The rule set as a whole: one shape, one test class per rule, unique codes, and docs/cli.md in step with the metadata.</summary>
public sealed class RuleSetTests
{
    private const string TableStart = "<!-- doctor-rules:start (generated from the rule metadata; RuleSetTests checks it) -->";
    private const string TableEnd = "<!-- doctor-rules:end -->";

    [Fact]
    public void All_EveryRule_HasAUniqueCodeACitationAFixAndItsOwnTestClass()
    {
        var testClasses = typeof(RuleSetTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(RuleSet.All.Count, RuleSet.All.Select(r => r.Metadata.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(RuleSet.All, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Metadata.Citation), rule.Metadata.Code);
            Assert.False(string.IsNullOrWhiteSpace(rule.Metadata.Fix), rule.Metadata.Code);
            Assert.Contains(rule.GetType().Name + "Tests", testClasses);
        });
    }

    [Fact]
    public void MarkdownTable_DocsCliMd_ListsEveryRuleWithItsCitation()
    {
        var docs = File.ReadAllText(Path.Combine(CertManager.Testing.RepositoryPaths.Root, "docs", "cli.md")).ReplaceLineEndings("\n");
        var start = docs.IndexOf(TableStart, StringComparison.Ordinal);
        var end = docs.IndexOf(TableEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/cli.md must hold the rule table between '{TableStart}' and '{TableEnd}'.");

        var documented = docs[(start + TableStart.Length)..end].Trim('\n') + "\n";

        Assert.True(
            documented == RuleSet.MarkdownTable(),
            "docs/cli.md's rule table differs from the rules; replace it with:\n" + RuleSet.MarkdownTable());
    }
}
