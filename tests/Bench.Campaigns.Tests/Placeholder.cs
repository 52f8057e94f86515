namespace Bench.Campaigns.Tests;
