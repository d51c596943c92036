-- 006: common refusal reasons (administrators keep common reasons as
-- editable texts; data/refusal.go). The catalog import carries none, so a
-- store that has none gets a few to start from; administrators edit them.
INSERT INTO refusal_reasons (text, ord)
SELECT text, ord FROM (
    SELECT '申请事项不属于本服务室受理范围，请向有关部门申请。' AS text, 1 AS ord
    UNION ALL SELECT '申请人不符合该事项规定的申请条件。', 2
    UNION ALL SELECT '申请人已享受同类待遇（或已办理），不得重复申请。', 3
    UNION ALL SELECT '经一次性告知后，申请人未在规定期限内补正全部材料。', 4
    UNION ALL SELECT '申请材料存在虚假内容，经核实与实际情况不符。', 5
) AS r
WHERE NOT EXISTS (SELECT 1 FROM refusal_reasons);
