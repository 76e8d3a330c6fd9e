//! Date fields take a day and refuse a date-time, naming the place, instead of
//! dropping the time and offset silently.

use harkje::check::Policy;
use harkje::transition::TransitionInput;

const REFUSED: &str = "is a date and time; give the day alone, like 2018-06-01";

#[test]
fn a_design_file_refuses_a_date_time_naming_the_field_and_line() {
    let text = r#"{
  "version": 1,
  "name": "d",
  "posts": [
    { "key": "a", "title": "A", "from": "2018-06-01" },
    { "key": "b", "title": "B", "from": "2018-06-01T23:30:00+01:00" }
  ],
  "people": [
    { "key": "p", "birth_date": "1970-01-01T00:00" }
  ]
}
"#;
    let e = harkje::format::from_json(text.as_bytes()).unwrap_err().to_string();
    assert!(e.contains(&format!("`2018-06-01T23:30:00+01:00` {REFUSED}")), "{e}");
    assert!(e.contains("/posts/1/from"), "{e}");
    assert!(e.contains("6:41"), "the line and column of the value: {e}");
    assert!(e.contains(&format!("`1970-01-01T00:00` {REFUSED}")), "{e}");
    assert!(e.contains("/people/0/birth_date"), "{e}");
    // A day alone still loads.
    let ok = text.replace("T23:30:00+01:00", "").replace("T00:00", "");
    harkje::format::from_json(ok.as_bytes()).unwrap();
}

#[test]
fn the_model_refuses_a_date_time_too() {
    let e = serde_json::from_str::<harkje::Period>(r#"{"from": "2018-06-01T09:00"}"#).unwrap_err();
    assert!(e.to_string().contains(REFUSED), "{e}");
}

#[test]
fn a_transition_input_refuses_a_date_time_in_a_string() {
    let e = TransitionInput::from_toml("[procedure]\ndecision = \"2018-06-01T09:00\"\n").unwrap_err().to_string();
    assert!(e.contains(REFUSED), "{e}");
    // A TOML date-time was refused before; it still is.
    let e = TransitionInput::from_toml("[procedure]\ndecision = 2018-06-01T09:00:00\n").unwrap_err().to_string();
    assert!(e.contains("is not a plain date"), "{e}");
}

#[test]
fn a_policy_refuses_a_date_time_in_a_string() {
    let e = Policy::from_toml("as_of = \"2018-03-27T10:00\"\n").unwrap_err().to_string();
    assert!(e.contains("as_of"), "{e}");
    assert!(Policy::from_toml("as_of = \"2018-03-27\"\n").is_ok());
}

#[test]
fn an_hr_export_refuses_a_date_time_with_its_line() {
    let mapping = harkje::import::Mapping::from_toml(
        "m.toml",
        "separator = \",\"\n[columns]\npost = \"post\"\ntitle = \"title\"\n[person]\nkey = \"nr\"\nservice_start = \"start\"\n",
    )
    .unwrap();
    let csv = "post,title,nr,start\nP1,Boss,1,2018-06-01\nP2,Clerk,2,2018-06-01T09:00\n";
    let e = harkje::import::read_hr_csv(&mapping, "hr.csv", csv.as_bytes()).unwrap_err().to_string();
    assert!(e.contains("hr.csv:3"), "{e}");
    assert!(e.contains("`2018-06-01T09:00`"), "{e}");
    let ok = csv.replace("T09:00", "");
    harkje::import::read_hr_csv(&mapping, "hr.csv", ok.as_bytes()).unwrap();
}
