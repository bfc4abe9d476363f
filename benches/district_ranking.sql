-- The district ranking of `xmtool report --month 2024-12`, in DuckDB, over the same files:
-- year-to-date at the latest report at or before the month, completion rate as a ratio of sums,
-- start rate, score = 0.7 × min(rate, 1.2) + 0.3 × start rate, ranks shared on ties.
SET threads = 2;
WITH registry AS (
    SELECT "项目编号" AS id, "所属县区" AS district, "建设性质" AS nature,
           CAST("年度计划投资（万元）" AS DECIMAL(18, 4)) AS plan
    FROM read_csv('projects.csv', header = true, all_varchar = true)
), reports AS (
    SELECT "项目编号" AS id, "报告月份" AS month,
           CAST("累计完成投资（万元）" AS DECIMAL(18, 4)) AS ytd,
           "项目状态" AS status, "实际开工时间" AS actual_start
    FROM read_csv('reports/*.csv', header = true, all_varchar = true, union_by_name = true)
    WHERE "报告月份" <= '2024-12'
), latest AS (
    SELECT id, arg_max(ytd, month) AS ytd, arg_max(status, month) AS status,
           max(actual_start) AS actual_start
    FROM reports GROUP BY id
), projects AS (
    SELECT r.district, r.plan, coalesce(l.ytd, 0) AS ytd,
           (r.nature = '续建' OR l.status IN ('在建', '已开工', '竣工', '完工', '投产')
            OR l.actual_start <= '2024-12') AS started
    FROM registry r LEFT JOIN latest l USING (id)
), groups AS (
    SELECT district, count(*) AS projects, sum(plan) AS plan, sum(ytd) AS ytd,
           sum(ytd) / sum(plan) AS completion_rate,
           count(*) FILTER (WHERE started) / count(*) AS start_rate
    FROM projects GROUP BY district
)
SELECT rank() OVER (ORDER BY 0.7 * least(completion_rate, 1.2) + 0.3 * start_rate DESC) AS rank,
       district, projects, plan, ytd, completion_rate, start_rate
FROM groups ORDER BY rank, district;
