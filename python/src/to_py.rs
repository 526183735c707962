//! Rankings as Python objects, built straight from their serde form: the same dicts, lists,
//! strings and numbers as parsing their JSON gives (a struct is a dict with its fields in
//! order, `None` is `None`, a unit variant is its name), without writing or parsing JSON.
//!
//! A ranking repeats itself: every theme's dict has the same keys, and the same sentence is
//! the evidence of several themes (a document's themes are its sections' again). Keys are
//! made once per conversion, and so is each distinct string of [`SHARED_MIN_BYTES`] or more;
//! Python strings being immutable, sharing them is invisible.

use pyo3::BoundObject;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyModule, PyString};
use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::fmt;

/// Strings this long or longer (evidence sentences) are made once per conversion.
const SHARED_MIN_BYTES: usize = 24;

/// `value` as Python objects.
pub fn to_py<T: Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let _paused = GcPause::new(py)?;
    let mut cache = Cache::default();
    let obj = value
        .serialize(Converter {
            py,
            cache: &mut cache,
        })
        .map_err(|e| e.0)?;
    Ok(obj.unbind())
}

/// Python's garbage collector, paused while a conversion builds its tree of objects: the
/// tree has no cycles to find, and the collections its allocations would set off (of every
/// object the program holds, as the tree grows) can take longer than building it. The
/// collector is on again as the pause goes, if it was on before.
struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> PyResult<GcPause<'py>> {
        let gc = py.import(pyo3::intern!(py, "gc"))?;
        if gc
            .call_method0(pyo3::intern!(py, "isenabled"))?
            .is_truthy()?
        {
            gc.call_method0(pyo3::intern!(py, "disable"))?;
            Ok(GcPause { gc: Some(gc) })
        } else {
            Ok(GcPause { gc: None })
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Enabling the collector does not fail; if it did, its error is Python's to set.
            let _ = gc.call_method0(pyo3::intern!(gc.py(), "enable"));
        }
    }
}

#[derive(Default)]
struct Cache<'py> {
    keys: HashMap<&'static str, Bound<'py, PyString>>,
    strings: HashMap<String, Bound<'py, PyString>>,
}

impl<'py> Cache<'py> {
    fn key(&mut self, py: Python<'py>, key: &'static str) -> Bound<'py, PyString> {
        self.keys
            .entry(key)
            .or_insert_with(|| PyString::new(py, key))
            .clone()
    }

    fn string(&mut self, py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        if s.len() < SHARED_MIN_BYTES {
            return PyString::new(py, s);
        }
        if let Some(shared) = self.strings.get(s) {
            return shared.clone();
        }
        let made = PyString::new(py, s);
        self.strings.insert(s.to_string(), made.clone());
        made
    }
}

/// A Python exception, or a message of serde's.
#[derive(Debug)]
pub struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

struct Converter<'a, 'py> {
    py: Python<'py>,
    cache: &'a mut Cache<'py>,
}

type Obj<'py> = Bound<'py, PyAny>;

impl<'a, 'py> Converter<'a, 'py> {
    fn of<T: IntoPyObject<'py>>(self, v: T) -> Result<Obj<'py>, Error> {
        v.into_pyobject(self.py)
            .map(|o| o.into_bound().into_any())
            .map_err(|e| Error(e.into()))
    }
}

/// Items of a list (a sequence or a tuple) being converted.
struct Items<'a, 'py> {
    py: Python<'py>,
    cache: &'a mut Cache<'py>,
    items: Vec<Obj<'py>>,
}

/// Entries of a dict (a map or a struct) being converted.
struct Entries<'a, 'py> {
    py: Python<'py>,
    cache: &'a mut Cache<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Obj<'py>>,
}

/// The value of a newtype, tuple or struct variant: `{variant: value}`, as serde_json
/// writes it.
struct Variant<S> {
    name: &'static str,
    inner: S,
}

impl<'a, 'py> ser::Serializer for Converter<'a, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    type SerializeSeq = Items<'a, 'py>;
    type SerializeTuple = Items<'a, 'py>;
    type SerializeTupleStruct = Items<'a, 'py>;
    type SerializeTupleVariant = Variant<Items<'a, 'py>>;
    type SerializeMap = Entries<'a, 'py>;
    type SerializeStruct = Entries<'a, 'py>;
    type SerializeStructVariant = Variant<Entries<'a, 'py>>;

    fn serialize_bool(self, v: bool) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Obj<'py>, Error> {
        self.of(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Obj<'py>, Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Obj<'py>, Error> {
        // JSON has no NaN or infinity: serde_json writes null.
        if v.is_finite() {
            self.of(v)
        } else {
            Ok(self.py.None().into_bound(self.py))
        }
    }
    fn serialize_char(self, v: char) -> Result<Obj<'py>, Error> {
        let mut buf = [0u8; 4];
        self.serialize_str(v.encode_utf8(&mut buf))
    }
    fn serialize_str(self, v: &str) -> Result<Obj<'py>, Error> {
        Ok(self.cache.string(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Obj<'py>, Error> {
        // As serde_json: a list of numbers.
        let items: Vec<u8> = v.to_vec();
        self.of(items)
    }
    fn serialize_none(self) -> Result<Obj<'py>, Error> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Obj<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Obj<'py>, Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Obj<'py>, Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Obj<'py>, Error> {
        Ok(self.cache.key(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Obj<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Obj<'py>, Error> {
        let py = self.py;
        let key = self.cache.key(py, variant);
        let inner = value.serialize(Converter {
            py,
            cache: self.cache,
        })?;
        let dict = PyDict::new(py);
        dict.set_item(key, inner)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Items<'a, 'py>, Error> {
        Ok(Items {
            py: self.py,
            cache: self.cache,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Items<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Items<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Ok(Variant {
            name: variant,
            inner: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Entries<'a, 'py>, Error> {
        Ok(Entries {
            py: self.py,
            cache: self.cache,
            dict: PyDict::new(self.py),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Entries<'a, 'py>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Ok(Variant {
            name: variant,
            inner: self.serialize_map(Some(len))?,
        })
    }
}

impl<'py> Items<'_, 'py> {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let item = value.serialize(Converter {
            py: self.py,
            cache: self.cache,
        })?;
        self.items.push(item);
        Ok(())
    }

    fn list(self) -> Result<Obj<'py>, Error> {
        Ok(PyList::new(self.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for Items<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.list()
    }
}

impl<'py> ser::SerializeTuple for Items<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.list()
    }
}

impl<'py> ser::SerializeTupleStruct for Items<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.list()
    }
}

impl<'py> Entries<'_, 'py> {
    fn convert<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<Obj<'py>, Error> {
        value.serialize(Converter {
            py: self.py,
            cache: self.cache,
        })
    }
}

impl<'py> ser::SerializeMap for Entries<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(self.convert(key)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map's value came before its key"))?;
        let value = self.convert(value)?;
        self.dict.set_item(key, value)?;
        Ok(())
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for Entries<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let key = self.cache.key(self.py, key);
        let value = self.convert(value)?;
        self.dict.set_item(key, value)?;
        Ok(())
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        Ok(self.dict.into_any())
    }
}

/// `{name: inner}`.
fn wrap<'py>(name: &'static str, py: Python<'py>, inner: Obj<'py>) -> Result<Obj<'py>, Error> {
    let dict = PyDict::new(py);
    dict.set_item(PyString::new(py, name), inner)?;
    Ok(dict.into_any())
}

impl<'py> ser::SerializeTupleVariant for Variant<Items<'_, 'py>> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.inner.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        let py = self.inner.py;
        let list = self.inner.list()?;
        wrap(self.name, py, list)
    }
}

impl<'py> ser::SerializeStructVariant for Variant<Entries<'_, 'py>> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        let py = self.inner.py;
        let dict = self.inner.dict.into_any();
        wrap(self.name, py, dict)
    }
}
