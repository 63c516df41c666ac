//! The CSV report: three tables with the documented headers, quoted as RFC 4180 says.

use crate::support::{empty_site, site};

use super::{APPROVAL_TABLE, PLANNED_LINE, csv, guideline, planned, published, without_aid};

const CSV_HEADERS: [&str; 3] = [
    "part,group,guideline,version,planned,days_left,status",
    "part,group,guideline,administrative_approval,published,deadline,lag_days,late",
    "part,group,guidelines,guidelines_with_aid,recommendations,recommendations_with_aid",
];

#[test]
fn csv_is_three_tables_with_the_documented_headers() {
    let site = site()
        .replace("version = \"2.1\"", "version = \"1,2\"")
        .replace(APPROVAL_TABLE, &published("2024-03-19"))
        .file(
            "guidelines/dbcg/screening.md",
            without_aid(&guideline(
                "Screening",
                &[(PLANNED_LINE, &planned("2026-12-01"))],
            )),
        )
        .build();
    let text = csv(&site, &[]);
    assert_eq!(
        text,
        "part,group,guideline,version,planned,days_left,status\n\
         revision,dbcg,screening,2.1,2026-12-01,7,due\n\
         revision,dlg,dlbcl,\"1,2\",2027-06-01,189,current\n\
         \n\
         part,group,guideline,administrative_approval,published,deadline,lag_days,late\n\
         publication,dbcg,screening,2024-03-12,,2024-03-19,987,true\n\
         publication,dlg,dlbcl,2024-03-12,2024-03-19,2024-03-19,7,false\n\
         \n\
         part,group,guidelines,guidelines_with_aid,recommendations,recommendations_with_aid\n\
         decision_aids,dbcg,1,0,2,0\n\
         decision_aids,dlg,1,1,2,1\n"
    );
    // The same, structurally: a header and one row per entry, each row tagged with its part.
    let tables: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(tables.len(), 3, "{text}");
    for ((table, header), part) in
        tables
            .iter()
            .zip(CSV_HEADERS)
            .zip(["revision", "publication", "decision_aids"])
    {
        let mut lines = table.lines();
        assert_eq!(lines.next(), Some(header));
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), 2, "{table}");
        for row in rows {
            assert!(row.starts_with(&format!("{part},")), "{row}");
        }
    }
}

#[test]
fn csv_quotes_commas_and_doubles_quotes() {
    let site = site()
        .replace("version = \"2.1\"", r#"version = "2.1 \"rev, b\"""#)
        .build();
    let text = csv(&site, &[]);
    let row = text.lines().nth(1).expect("a revision row");
    assert_eq!(
        row,
        r#"revision,dlg,dlbcl,"2.1 ""rev, b""",2027-06-01,189,current"#
    );
}

#[test]
fn csv_of_a_site_without_guidelines_keeps_every_header() {
    let site = empty_site().build();
    assert_eq!(
        csv(&site, &[]),
        format!(
            "{}\n\n{}\n\n{}\ndecision_aids,dbcg,0,0,0,0\ndecision_aids,dlg,0,0,0,0\n",
            CSV_HEADERS[0], CSV_HEADERS[1], CSV_HEADERS[2]
        )
    );
}
