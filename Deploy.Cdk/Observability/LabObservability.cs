using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.XRay;
using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy.Observability;

/// <summary>
/// What an operator looks at: an X-Ray group per link (filtering on the <c>lab_link</c> annotation) and a sampling
/// rule, SLO alarms at A (availability from the 5xx rate, p99 latency), ERROR/FATAL metric filters with alarms,
/// Logs Insights saved queries, and a dashboard of golden signals per service and per link.
/// </summary>
public sealed class LabObservability : Construct
{
    public const string LogMetricsNamespace = "TracingLab/Logs";

    public LabObservability(Construct scope, string id, LabObservabilityProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var action = new SnsAction(props.Alerts);

        foreach (var link in props.Links)
        {
            _ = new CfnGroup(this, $"XRayGroup{link.Pascal()}", new CfnGroupProps
            {
                GroupName = $"tracinglab-{link.Name()}",
                FilterExpression = $"annotation.lab_link = \"{link.Name()}\"",
                InsightsConfiguration = new CfnGroup.InsightsConfigurationProperty { InsightsEnabled = false },
            });
        }

        _ = new CfnSamplingRule(this, "Sampling", new CfnSamplingRuleProps
        {
            SamplingRule = new CfnSamplingRule.SamplingRuleProperty
            {
                RuleName = "tracinglab",
                Priority = 100,
                // A lab compares individual traces across links: keep every request.
                FixedRate = 1.0,
                ReservoirSize = 10,
                ServiceName = "service*",
                ServiceType = "*",
                Host = "*",
                HttpMethod = "*",
                UrlPath = "*",
                ResourceArn = "*",
                Version = 1,
            },
        });

        var logAlarms = new List<Alarm>();
        foreach (var (service, group) in props.Logs.Services)
        {
            logAlarms.Add(LevelAlarm(service, group, "Errors", "{ ($.LogLevel = \"Error\") || ($.level = \"ERROR\") }", 5, action));
            logAlarms.Add(LevelAlarm(service, group, "Fatal", "{ ($.LogLevel = \"Critical\") || ($.level = \"FATAL\") }", 1, action));
        }

        LogAlarms = logAlarms;
        var alb = props.ServiceA.LoadBalancer.Metrics;
        var window = Duration.Minutes(5);
        var requests = alb.RequestCount(new MetricOptions { Period = window, Statistic = "Sum" });
        var target5xx = alb.HttpCodeTarget(Amazon.CDK.AWS.ElasticLoadBalancingV2.HttpCodeTarget.TARGET_5XX_COUNT, new MetricOptions { Period = window, Statistic = "Sum" });
        var elb5xx = alb.HttpCodeElb(Amazon.CDK.AWS.ElasticLoadBalancingV2.HttpCodeElb.ELB_5XX_COUNT, new MetricOptions { Period = window, Statistic = "Sum" });
        var errorRate = new MathExpression(new MathExpressionProps
        {
            Expression = "IF(requests > 0, 100 * (FILL(t5xx, 0) + FILL(e5xx, 0)) / requests, 0)",
            UsingMetrics = new Dictionary<string, IMetric> { ["requests"] = requests, ["t5xx"] = target5xx, ["e5xx"] = elb5xx },
            Label = "5xx rate at A (%)",
            Period = window,
        });
        AvailabilityAlarm = errorRate.CreateAlarm(this, "AvailabilitySlo", new CreateAlarmOptions
        {
            AlarmName = "tracinglab-servicea-availability",
            AlarmDescription = $"Service A availability below {props.AvailabilityObjective}% (5xx rate above {100 - props.AvailabilityObjective:0.###}%)",
            Threshold = Math.Round(100 - props.AvailabilityObjective, 6),
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 3,
            DatapointsToAlarm = 2,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        AvailabilityAlarm.AddAlarmAction(action);

        var p99 = alb.TargetResponseTime(new MetricOptions { Period = window, Statistic = "p99" });
        LatencyAlarm = p99.CreateAlarm(this, "LatencySlo", new CreateAlarmOptions
        {
            AlarmName = "tracinglab-servicea-p99-latency",
            AlarmDescription = $"Service A p99 latency above {props.LatencyObjectiveSeconds} s",
            Threshold = props.LatencyObjectiveSeconds,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 3,
            DatapointsToAlarm = 2,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        LatencyAlarm.AddAlarmAction(action);

        var groups = props.Logs.Services.Values.Cast<ILogGroup>().ToArray();
        _ = new QueryDefinition(this, "TraceById", new QueryDefinitionProps
        {
            QueryDefinitionName = "tracinglab/logs-of-trace",
            LogGroups = groups,
            QueryString = new QueryString(new QueryStringProps
            {
                Fields = ["@timestamp", "@log", "@logStream", "@message"],
                // Replace the id (32 hex, no dashes: the OTel form of an X-Ray trace id) before running.
                FilterStatements = ["@message like /0123456789abcdef0123456789abcdef/"],
                Sort = "@timestamp asc",
                Limit = 500,
            }),
        });
        _ = new QueryDefinition(this, "ErrorsByService", new QueryDefinitionProps
        {
            QueryDefinitionName = "tracinglab/errors-by-service",
            LogGroups = groups,
            QueryString = new QueryString(new QueryStringProps
            {
                Fields = ["@timestamp", "@log", "@message"],
                FilterStatements = ["@logStream like /^errors\\// or LogLevel in [\"Error\", \"Critical\"]"],
                Stats = "count(*) as errors by @log, bin(5m)",
            }),
        });

        Dashboard = LabDashboard.Build(this, "Dashboard", props, errorRate, p99);
    }

    /// <summary>Availability SLO alarm at A.</summary>
    public Alarm AvailabilityAlarm { get; }

    /// <summary>p99 latency SLO alarm at A.</summary>
    public Alarm LatencyAlarm { get; }

    /// <summary>ERROR and FATAL alarms, per service.</summary>
    public IReadOnlyList<Alarm> LogAlarms { get; }

    /// <summary>The dashboard.</summary>
    public Dashboard Dashboard { get; }

    /// <summary>The metric a log level filter counts into.</summary>
    public static Metric LevelMetric(LabService service, string level) => new(new MetricProps
    {
        Namespace = LogMetricsNamespace,
        MetricName = $"{service.Name()}-{level.ToLowerInvariant()}",
        Statistic = "Sum",
        Period = Duration.Minutes(1),
    });

    private Alarm LevelAlarm(LabService service, LogGroup group, string level, string pattern, int threshold, SnsAction action)
    {
        var metric = LevelMetric(service, level);
        _ = new MetricFilter(this, $"{service}{level}Filter", new MetricFilterProps
        {
            LogGroup = group,
            FilterPattern = FilterPattern.Literal(pattern),
            MetricNamespace = LogMetricsNamespace,
            MetricName = metric.MetricName,
            MetricValue = "1",
            DefaultValue = 0,
        });
        var alarm = metric.CreateAlarm(this, $"{service}{level}Alarm", new CreateAlarmOptions
        {
            AlarmName = $"tracinglab-{service.Name()}-{level.ToLowerInvariant()}-logs",
            AlarmDescription = $"{service.Name()} logged {threshold}+ {level.ToUpperInvariant()} lines in a minute",
            Threshold = threshold,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(action);
        return alarm;
    }
}
