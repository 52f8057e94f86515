namespace Bench.Fixtures;

/// <summary>Finds the allowed key a misspelt one was probably meant to be ("nam" → "name").</summary>
public static class KeySuggestion
{
    private const int MaximumEdits = 2;

    public static string? Closest(string key, IEnumerable<string> allowedKeys) =>
        allowedKeys
            .Select(allowed => (allowed, distance: EditDistance(key.ToLowerInvariant(), allowed.ToLowerInvariant())))
            .Where(candidate => candidate.distance <= MaximumEdits)
            .OrderBy(candidate => candidate.distance)
            .Select(candidate => candidate.allowed)
            .FirstOrDefault();

    // Levenshtein distance: insertions, deletions and substitutions each count one.
    private static int EditDistance(string first, string second)
    {
        var previous = Enumerable.Range(0, second.Length + 1).ToArray();
        var current = new int[second.Length + 1];
        for (var i = 1; i <= first.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= second.Length; j++)
            {
                var substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[second.Length];
    }
}
