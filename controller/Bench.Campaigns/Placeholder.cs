namespace Bench.Campaigns;
